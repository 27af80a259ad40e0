import Foundation
import Reports
import SaliencyKit

/// Builds and renders HTML pages for `explain --format html` and `report`.
enum HTMLOutput {
  /// The generator line of every page.
  static var generator: String { "saliency " + SaliencyCommand.version }

  /// The current time for `--timestamp`, in UTC (the renderer itself never reads a clock).
  static func timestamp(_ date: Date = Date()) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date) + " UTC"
  }
}
