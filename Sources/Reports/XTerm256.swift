/// The fixed part of the xterm 256-colour palette and nearest-colour lookup into it.
///
/// Only indices 16…255 are used: the 6×6×6 colour cube (16…231, channel levels 0, 95, 135, 175, 215, 255)
/// and the 24-step greyscale ramp (232…255, levels 8, 18, …, 238). Indices 0…15 are left out on purpose:
/// terminal themes redefine them, so their colours are unknown.
public enum XTerm256 {
  /// Channel levels of the colour cube, in order.
  public static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]
  /// First index of the colour cube.
  public static let cubeStart = 16
  /// First index of the greyscale ramp.
  public static let greyStart = 232
  /// Number of greys in the ramp.
  public static let greyCount = 24

  /// The colour at a palette index in 16…255, or nil outside that range.
  public static func color(at index: Int) -> RGB? {
    switch index {
    case cubeStart..<greyStart:
      let offset = index - cubeStart
      return RGB(red: cubeLevels[offset / 36], green: cubeLevels[(offset / 6) % 6], blue: cubeLevels[offset % 6])
    case greyStart..<(greyStart + greyCount):
      let level = UInt8(8 + 10 * (index - greyStart))
      return RGB(red: level, green: level, blue: level)
    default:
      return nil
    }
  }

  /// The index in 16…255 whose colour is nearest to `color` (squared Euclidean distance in sRGB).
  /// Ties go to the lower index, so the cube wins over an equally near grey.
  ///
  /// The cube is searched per channel (the distance is separable), the ramp exhaustively.
  /// - Complexity: O(1) (6 levels per channel, 24 greys).
  public static func nearestIndex(to color: RGB) -> Int {
    let red = nearestCubeLevel(color.red)
    let green = nearestCubeLevel(color.green)
    let blue = nearestCubeLevel(color.blue)
    var bestIndex = cubeStart + 36 * red + 6 * green + blue
    var bestDistance = Self.color(at: bestIndex).map { $0.squaredDistance(to: color) } ?? Int.max
    for index in greyStart..<(greyStart + greyCount) {
      guard let grey = Self.color(at: index) else { continue }
      let distance = grey.squaredDistance(to: color)
      if distance < bestDistance {
        bestDistance = distance
        bestIndex = index
      }
    }
    return bestIndex
  }

  /// Index (0…5) of the cube level nearest to a channel value; ties go to the lower level.
  private static func nearestCubeLevel(_ value: UInt8) -> Int {
    var best = 0
    for (index, level) in cubeLevels.enumerated()
    where abs(Int(level) - Int(value)) < abs(Int(cubeLevels[best]) - Int(value)) {
      best = index
    }
    return best
  }
}
