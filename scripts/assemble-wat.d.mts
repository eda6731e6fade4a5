/** The assembled bytes of a .wat's text (named `name` in errors), base64. */
export function assembleWat(name: string, text: string): Promise<string>;
