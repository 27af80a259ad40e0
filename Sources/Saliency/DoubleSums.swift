/// Sums over Float rows accumulated in Double, in four interleaved partial sums (elements 4i, 4i+1, 4i+2, 4i+3)
/// added at the end: a single running sum waits on the latency of every addition, and these sums ran once per
/// token and hidden unit (trajectory's distances, the gradient methods' dot products).
enum DoubleSums {
  /// Σ_d f(d) for d in 0..<count.
  @inline(__always)
  static func sum(count: Int, _ term: (Int) -> Double) -> Double {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var d = 0
    while d + 4 <= count {
      s0 += term(d)
      s1 += term(d + 1)
      s2 += term(d + 2)
      s3 += term(d + 3)
      d += 4
    }
    while d < count {
      s0 += term(d)
      d += 1
    }
    return (s0 + s1) + (s2 + s3)
  }

  /// Σ a_d · b_d.
  static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Double {
    sum(count: count) { Double(a[$0]) * Double(b[$0]) }
  }

  /// Σ (a_d − b_d)².
  static func squaredDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Double {
    sum(count: count) { d in
      let difference = Double(a[d]) - Double(b[d])
      return difference * difference
    }
  }
}
