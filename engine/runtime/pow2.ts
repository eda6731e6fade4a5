/** POW2[k] = 2^(k − POW2_BIAS): the powers of two the checksum quantises with, in JavaScript and in its kernel. */
export const POW2_BIAS = 1100;
export const POW2 = Float64Array.from({ length: 2 * POW2_BIAS }, (_, k) => Math.pow(2, k - POW2_BIAS));
