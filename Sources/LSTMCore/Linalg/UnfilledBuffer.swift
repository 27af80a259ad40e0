extension Array where Element == Float {
  /// `count` floats with unspecified values, for a buffer that its user writes in full before reading it:
  /// skips zero-filling (several % of the perturbation methods' time went to clearing buffers of many MB that
  /// were overwritten right after).
  public init(unfilledCount count: Int) {
    self.init(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
  }
}
