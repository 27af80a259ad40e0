/// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF, or starts or ends with a space; quotes doubled.
public enum CSVField {
  public static func escaped(_ value: String) -> String {
    let needsQuotes = value.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
      || value.hasPrefix(" ") || value.hasSuffix(" ")
    return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
  }
}
