import LSTMCore

/// Integrated gradients over the embedded input (Sundararajan et al. 2017), along the straight path
/// e(α) = e′ + α·(e − e′) from the baseline e′ (`--baseline`; same length as the input) to the input e:
///
///     score_t = Σ_d (e − e′)_{t,d} · Σ_j w_j · ∂F/∂e_{t,d}(e(α_j))          (α_j, w_j from `rule`)
///     axiom_gap = Σ_t score_t − (F(e) − F(e′))                              (completeness)
///
/// Positive supports the target. All path points of a sentence run as one packed batch through the one
/// forward and the one input-only backward (see `GradientSweep`). With a `tolerance`, a sentence whose
/// |axiom_gap| exceeds it is recomputed with twice the steps, up to `maximumSteps` (a note says so if the gap is
/// still too large there); the map's `steps` option records the count used, and `tolerance` appears only when
/// one is given.
public struct IntegratedGradients: SaliencyMethod {
  public static let id = SaliencyMethodID(rawValue: "integrated-gradients")
  public static let traits: MethodTraits = []

  public struct Options: MethodOptions {
    /// e′ (`--baseline`): an erasure that keeps the input's length.
    public var baseline = Erasure.pad
    /// Path points n (`--steps`); a map records the count it used after any doubling for `tolerance`.
    public var steps = 50
    public var rule = QuadratureRule.gaussLegendre
    /// F, the output differentiated (`--of`).
    public var of = ExplainedOutput.logit
    /// The largest acceptable |axiom_gap| (`--tolerance`); nil keeps `steps` as given.
    public var tolerance: Double?

    public init() {}

    /// - Throws: for `remove` as a baseline, too few or too many steps, or a tolerance that is not a positive number.
    public func validate() throws(SaliencyOptionError) {
      guard baseline != .remove else { throw .removeIsNotABaseline }
      guard steps >= rule.minimumSteps else { throw .tooFewSteps(rule: rule, steps: steps) }
      guard steps <= IntegratedGradients.maximumSteps else { throw .tooManySteps(steps, maximum: IntegratedGradients.maximumSteps) }
      if let tolerance, !(tolerance > 0 && tolerance.isFinite) { throw .invalidTolerance(tolerance) }
    }

    public func check(for model: Classifier) throws(SaliencyOptionError) {
      if baseline == .unk, model.specialIds.unk == nil { throw .baselineNeedsUnknownToken }
    }

    /// Exact shares of F(e) − F(e′): F's unit.
    public func colorSaturation(of map: SaliencyMap) -> ColorSaturation? { of.colorSaturation }
  }

  public let options: Options
  public init(options: Options) { self.options = options }

  /// The most path points: `steps` may not exceed it, and doubling for `tolerance` stops here.
  public static let maximumSteps = 1024

  /// A forward and a backward pass per path point (before any doubling for `tolerance`).
  public static func cost(tokens: Int, options: Options) -> Double { 2 * Double(tokens) * Double(options.steps) }

  /// The path points of all sentences share packed passes; F(e) and F(e′) of all sentences take one more.
  /// - Complexity: about `steps` forward and backward passes per sentence (more when `tolerance` doubles them).
  public func saliency(of sequences: [[Int]], targets: [Int], in model: Classifier) throws -> [SaliencyMap] {
    precondition(sequences.count == targets.count, "one target per sequence")
    try options.check(for: model)
    let (baseline, steps, of, tolerance) = (options.baseline, options.steps, options.of, options.tolerance)
    let inputs = try sequences.map { try model.embed([$0]).inputs }
    let baselines = try sequences.map { try baseline.embedded($0, erasing: Set($0.indices), in: model) }
    let endpoints = BatchedOutputs(inputs: inputs + baselines, model: model)
    let source = of == .logit ? endpoints.logits : endpoints.probabilities
    let difference = sequences.indices.map { s in
      Double(source[s][targets[s]]) - Double(source[sequences.count + s][targets[s]])
    }

    var stepsUsed = [Int](repeating: steps, count: sequences.count)
    var scores = [[Double]](repeating: [], count: sequences.count)
    var gaps = [Double](repeating: 0, count: sequences.count)
    var pending = Array(sequences.indices)
    while !pending.isEmpty {
      let integrated = integrate(pending.map { (inputs[$0], baselines[$0], targets[$0], stepsUsed[$0]) }, model: model)
      var again: [Int] = []
      for (index, s) in pending.enumerated() {
        scores[s] = integrated[index]
        gaps[s] = scores[s].reduce(0, +) - difference[s]
        if let tolerance, abs(gaps[s]) > tolerance, stepsUsed[s] < Self.maximumSteps {
          stepsUsed[s] = min(2 * stepsUsed[s], Self.maximumSteps)
          again.append(s)
        }
      }
      pending = again
    }

    return sequences.indices.map { s in
      var used = options
      used.steps = stepsUsed[s]
      var notes: [String] = []
      if let tolerance, abs(gaps[s]) > tolerance {
        notes.append("the completeness gap \(gaps[s]) is above the tolerance \(tolerance) even with "
          + "\(stepsUsed[s]) steps")
      }
      return SaliencyMap(method: id, target: targets[s], sign: .supportsTarget, options: used,
                         scores: scores[s], axiomGap: gaps[s], notes: notes)
    }
  }

  /// The scores of each (e [T, E], e′ [T, E], target, n) with n path points, all points in shared passes.
  ///
  /// The path is linear in e, and so is the input projection: Z_in(α) = Z_in(e′) + α·(Z_in(e) − Z_in(e′)). Each
  /// point therefore starts from scaled projections, and Σ_j w_j ∂F/∂Z_in(α_j) is summed per token before one
  /// product with W_ih gives Σ_j w_j ∂F/∂e(α_j).
  private func integrate(_ paths: [(input: [Float], baseline: [Float], target: Int, steps: Int)],
                         model: Classifier) -> [[Double]] {
    let e = model.config.embeddingSize, g4 = model.config.gateWidth
    var rules: [Int: (alphas: [Double], weights: [Double])] = [:]
    let nodes = paths.map { path in
      if let known = rules[path.steps] { return known }
      let computed = options.rule.nodes(count: path.steps)
      rules[path.steps] = computed
      return computed
    }
    // Z_in(α) = start + α·(end − start), per path. [T·4H] each
    let starts = paths.map { model.inputProjection(of: $0.baseline) }
    let deltas = paths.indices.map { index in
      zip(model.inputProjection(of: paths[index].input), starts[index]).map { end, start in end - start }
    }
    // One copy per (path, node) of every non-empty path.
    let copies = paths.indices.filter { !paths[$0].input.isEmpty }.flatMap { index in
      (0..<paths[index].steps).map { (path: index, node: $0) }
    }
    // Σ_j w_j ∂F/∂Z_in(α_j) per path. [T·4H] each
    var weightedGradients = paths.map { [Double](repeating: 0, count: $0.input.count / e * g4) }
    GradientSweep(model: model, output: options.of).runProjected(
      lengths: copies.map { paths[$0.path].input.count / e },
      targets: copies.map { paths[$0.path].target },
      projectRow: { copy, step, row in
        let (index, node) = copies[copy]
        let alpha = Float(nodes[index].alphas[node])
        starts[index].withUnsafeBufferPointer { start in
          deltas[index].withUnsafeBufferPointer { delta in
            // Row pointers outside the loop, so it vectorises.
            let start = start.baseAddress.unsafelyUnwrapped + step * g4, delta = delta.baseAddress.unsafelyUnwrapped + step * g4
            for j in 0..<g4 { row[j] = alpha * delta[j] + start[j] }
          }
        }
      },
      visitRow: { copy, step, gradient in
        let (index, node) = copies[copy]
        let weight = nodes[index].weights[node]
        weightedGradients[index].withUnsafeMutableBufferPointer { sums in
          let sums = sums.baseAddress.unsafelyUnwrapped + step * g4
          for j in 0..<g4 { sums[j] += weight * Double(gradient[j]) }
        }
      })
    return paths.indices.map { index in
      let path = paths[index]
      let summed = model.inputGradients(fromGateGradients: weightedGradients[index].map { Float($0) })
      return (0..<(path.input.count / e)).map { step in
        ((step * e)..<((step + 1) * e)).reduce(0.0) { sum, position in
          sum + (Double(path.input[position]) - Double(path.baseline[position])) * Double(summed[position])
        }
      }
    }
  }
}
