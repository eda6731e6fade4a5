package dev.windtunnel.flink;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.types.Row;

/**
 * One result row as `npm run query` prints it: columns in order, TIMESTAMP as
 * epoch milliseconds (UTC), numbers as JavaScript prints them, non-finite
 * doubles as null; with an "op" field first when asked.
 */
final class JsonRow {
  private JsonRow() {}

  static String format(Row row, List<String> names, boolean withOp) {
    StringBuilder s = new StringBuilder("{");
    if (withOp) s.append("\"op\":\"").append(row.getKind().shortString()).append("\",");
    for (int c = 0; c < names.size(); c++) {
      if (c > 0) s.append(',');
      string(s, names.get(c));
      s.append(':');
      value(s, row.getField(c));
    }
    return s.append('}').toString();
  }

  private static void value(StringBuilder s, Object v) {
    if (v == null) s.append("null");
    else if (v instanceof Boolean) s.append(v);
    else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)
      s.append(v);
    else if (v instanceof Double d) number(s, d);
    else if (v instanceof Float f) number(s, Double.parseDouble(Float.toString(f)));
    else if (v instanceof BigDecimal d) number(s, d.doubleValue());
    else if (v instanceof LocalDateTime t) s.append(t.toInstant(ZoneOffset.UTC).toEpochMilli());
    else if (v instanceof Instant t) s.append(t.toEpochMilli());
    else string(s, v.toString());
  }

  /** JavaScript's Number#toString: integers without ".0", exponent form from 1e21 up and at 1e-7 and below. */
  static void number(StringBuilder s, double d) {
    if (!Double.isFinite(d)) {
      s.append("null");
      return;
    }
    if (d == 0) {
      s.append('0');
      return;
    }
    BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exp = b.precision() - b.scale() - 1;
    if (exp > -7 && exp < 21) {
      s.append(b.toPlainString());
      return;
    }
    String digits = b.unscaledValue().abs().toString();
    if (d < 0) s.append('-');
    s.append(digits.charAt(0));
    if (digits.length() > 1) s.append('.').append(digits, 1, digits.length());
    s.append('e').append(exp < 0 ? '-' : '+').append(Math.abs(exp));
  }

  static void string(StringBuilder s, String v) {
    s.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        case '\b' -> s.append("\\b");
        case '\f' -> s.append("\\f");
        default -> {
          if (c < 0x20) s.append(String.format("\\u%04x", (int) c));
          else s.append(c);
        }
      }
    }
    s.append('"');
  }
}
