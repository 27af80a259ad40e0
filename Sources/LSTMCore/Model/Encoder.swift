/// The recurrent encoder: L stacked layers of D directions of one cell (LSTM or GRU), as PyTorch's `nn.LSTM` /
/// `nn.GRU` with `num_layers` L and `bidirectional`. Forward and backward side by side.
///
/// Forward:
///   (E1) layer 0 reads X [N, E]; layer k > 0 reads layer k − 1's output Y_{k−1} [N, D·H] (times the dropout mask
///        M_k between layers when training)
///   (E2) the forward direction runs over each sequence's steps 1…T; the backward direction runs the same layer
///        code over the steps T…1 (rows permuted by `PackedBatch.reversedRows`)
///   (E3) Y_k[row] = [h→_t; h←_t], D·H wide
///   (E4) the head reads [h→_T; h←_1] of the top layer (PyTorch's h_n[-2], h_n[-1]), D·H wide
/// A one-layer unidirectional encoder passes its arrays through untouched (no copy, no permutation).
enum Encoder {
  /// What a forward pass of the whole encoder computed.
  struct Result {
    /// Every layer direction, layer by layer, forward direction first (`ParameterPointers.unitIndex`).
    var units: [DirectionTrace]
    /// The top layer's output Y_{L−1} [N, D·H], packed in step order; empty with `.finalOnly`.
    var output: [Float]
    /// (E4), caller order. [B, D·H]
    var finalHidden: [Float]
    /// Each layer's forward direction's (h_T, c_T), caller order, layer 0 first within a sequence. [B, L·H] each
    var finalState: LSTMState
    /// With `.states`: each layer's forward direction's h_t and c_t at every row, layer 0 first. [N, L·H] each
    var states: LSTMState?
  }

  /// - Parameters:
  ///   - input: layer 0's input, in step order: X [N, E] or projected Z_in [N, D·G] (`Classifier.inputProjection`).
  ///   - initialState: every layer's forward (h_0, c_0), [B, L·H] each, caller order; only a unidirectional encoder
  ///     resumes (a backward direction starts at the text's end).
  ///   - layerInputMasks: M_1 … M_{L−1} [N, D·H], already scaled by 1/(1−p), or empty.
  /// - Complexity: Σ over units of the layer's forward cost.
  static func forward(_ input: LSTMInput, batch: PackedBatch, config: ModelConfig, parameters p: ParameterPointers,
                      initialState: LSTMState?, retention: LSTMLayer.Retention, layerInputMasks: [[Float]] = []) -> Result {
    precondition(initialState == nil || config.isResumable, "a bidirectional encoder does not resume from a state")
    let h = config.hiddenSize, g = config.gateWidth, d = config.directions, layers = config.layers
    let reversed = d == 2 ? batch.reversedRows : []
    var units: [DirectionTrace] = []
    var layerInput = input
    var output: [Float] = []
    for layer in 0..<layers {
      let isTop = layer == layers - 1
      // Lower layers keep every step's h: the next layer reads it.
      let kept: LSTMLayer.Retention = isTop || retention != .finalOnly ? retention : .states
      var directionOutputs: [[Float]] = []
      for reverse in [false, true].prefix(d) {
        var unitInput: LSTMInput
        switch layerInput {
        case .embedded(let x):
          unitInput = .embedded(reverse ? gatherRows(x, width: config.inputWidth(layer: layer), rows: reversed) : x)
        case .projected(let z):
          let own = d == 1 ? z : columns(z, width: d * g, from: reverse ? g : 0, count: g)
          unitInput = .projected(reverse ? gatherRows(own, width: g, rows: reversed) : own)
        }
        let start = initialState.map { layers == 1 ? $0 : $0.layer(layer, hiddenSize: h, layers: layers) }
        let unit = p.units[ParameterPointers.unitIndex(layer: layer, reverse: reverse, directions: d)]
        let trace = config.cell == .lstm
          ? LSTMLayer.forward(unitInput, batch: batch, config: config, parameters: unit, inputWidth: config.inputWidth(layer: layer),
                              initialState: start, retention: kept)
          : GRULayer.forward(unitInput, batch: batch, config: config, parameters: unit, inputWidth: config.inputWidth(layer: layer),
                             initialState: start, retention: kept)
        units.append(trace)
        if kept != .finalOnly { directionOutputs.append(reverse ? gatherRows(trace.hidden, width: h, rows: reversed) : trace.hidden) }
      }
      if kept != .finalOnly {
        // (E3)
        output = d == 1 ? directionOutputs[0] : interleave(directionOutputs, width: h)
      }
      if !isTop {
        var next = output
        if layer < layerInputMasks.count {
          let mask = layerInputMasks[layer]
          precondition(mask.count == next.count, "a dropout mask between layers must be [N, D·H]")
          for index in next.indices { next[index] *= mask[index] }
        }
        layerInput = .embedded(next)
      }
    }
    if retention == .finalOnly { output = [] }
    let top = units.suffix(d)
    let finalHidden = d == 1 ? units[units.count - 1].final.hidden : interleave(top.map(\.final.hidden), width: h)
    let forwardUnits = stride(from: 0, to: units.count, by: d).map { units[$0] }
    let finalState = layers == 1 ? forwardUnits[0].final
      : LSTMState(hidden: interleave(forwardUnits.map(\.final.hidden), width: h),
                  cells: interleave(forwardUnits.map(\.final.cells), width: h))
    var states: LSTMState? = nil
    if retention == .states {
      let cells = config.cell == .lstm ? forwardUnits.map(\.cells) : forwardUnits.map { [Float](repeating: 0, count: $0.hidden.count) }
      states = layers == 1 ? LSTMState(hidden: forwardUnits[0].hidden, cells: cells[0])
        : LSTMState(hidden: interleave(forwardUnits.map(\.hidden), width: h), cells: interleave(cells, width: h))
    }
    return Result(units: units, output: output, finalHidden: finalHidden, finalState: finalState, states: states)
  }

  /// Backpropagation through every layer direction, top layer first.
  ///
  /// - Parameters:
  ///   - finalHiddenGradient: ∂L/∂[h→_T; h←_1] of the top layer, caller order. [B, D·H]
  ///   - gradients: when given, every layer direction's weight gradients are *added* into it.
  /// - Returns: ∂L/∂Z_in, the gradient at layer 0's input pre-activations of every direction, in step order. [N, D·G]
  static func backward(_ trace: ForwardTrace, finalHiddenGradient: [Float], parameters p: ParameterPointers,
                       gradients: GradientPointers?) -> [Float] {
    let config = trace.config, batch = trace.batch
    let n = batch.rowCount, h = config.hiddenSize, g = config.gateWidth, d = config.directions
    let reversed = d == 2 ? batch.reversedRows : []
    var rowGradients: [Float]? = nil  // ∂L/∂Y_k [N, D·H], step order
    var inputGateGradients: [Float] = []
    for layer in stride(from: config.layers - 1, through: 0, by: -1) {
      let width = config.inputWidth(layer: layer)
      var layerInputGradient = layer > 0 ? [Float](repeating: 0, count: n * width) : []
      var gateParts: [[Float]] = []
      for reverse in [false, true].prefix(d) {
        let index = ParameterPointers.unitIndex(layer: layer, reverse: reverse, directions: d)
        let unit = trace.units[index]
        let offset = reverse ? h : 0
        let finalGradient = layer == config.layers - 1
          ? (d == 1 ? finalHiddenGradient : columns(finalHiddenGradient, width: d * h, from: offset, count: h)) : nil
        let fromAbove = rowGradients.map { all -> [Float] in
          let own = d == 1 ? all : columns(all, width: d * h, from: offset, count: h)
          return reverse ? gatherRows(own, width: h, rows: reversed) : own
        }
        let dz = config.cell == .lstm
          ? LSTMLayer.backward(unit, batch: batch, config: config, inputWidth: width, finalHiddenGradient: finalGradient,
                               hiddenGradients: fromAbove, parameters: p.units[index], gradients: gradients?.units[index])
          : GRULayer.backward(unit, batch: batch, config: config, inputWidth: width, finalHiddenGradient: finalGradient,
                              hiddenGradients: fromAbove, parameters: p.units[index], gradients: gradients?.units[index])
        if layer > 0 {
          // inverts (E1) for this direction: ∂L/∂Y_{k−1} += ∂L/∂Z · W_ih, back in step order
          var local = [Float](unfilledCount: n * width)
          withPointer(dz) { dz in
            withMutablePointer(&local) { dx in
              LSTMLayer.inputGradients(fromGateGradients: dz, ldz: g, rows: n, inputWidth: width, parameters: p.units[index],
                                       beta: 0, into: dx)
            }
          }
          if reverse { local = gatherRows(local, width: width, rows: reversed) }
          for index in local.indices { layerInputGradient[index] += local[index] }
        } else {
          gateParts.append(reverse ? gatherRows(dz, width: g, rows: reversed) : dz)
        }
      }
      if layer > 0 {
        if layer - 1 < trace.layerInputMasks.count {
          let mask = trace.layerInputMasks[layer - 1]
          for index in layerInputGradient.indices { layerInputGradient[index] *= mask[index] }
        }
        rowGradients = layerInputGradient
      } else {
        inputGateGradients = d == 1 ? gateParts[0] : interleave(gateParts, width: g)
      }
    }
    return inputGateGradients
  }

  /// Rows of x [N, width] in the order `rows` gives (y[r] = x[rows[r]]).
  static func gatherRows(_ x: [Float], width: Int, rows: [Int]) -> [Float] {
    var y = [Float](unfilledCount: rows.count * width)
    x.withUnsafeBufferPointer { x in
      y.withUnsafeMutableBufferPointer { y in
        for (target, source) in rows.enumerated() {
          for j in 0..<width { y[target * width + j] = x[source * width + j] }
        }
      }
    }
    return y
  }

  /// Columns from..<from + count of x [rows, width]. [rows, count]
  static func columns(_ x: [Float], width: Int, from: Int, count: Int) -> [Float] {
    let rows = x.count / width
    var y = [Float](unfilledCount: rows * count)
    for row in 0..<rows {
      for j in 0..<count { y[row * count + j] = x[row * width + from + j] }
    }
    return y
  }

  /// Arrays of equal row counts side by side: row r of the result is [a_0[r]; a_1[r]; …]. [rows, parts·width]
  static func interleave(_ parts: [[Float]], width: Int) -> [Float] {
    let rows = (parts.first?.count ?? 0) / width, total = parts.count * width
    var y = [Float](unfilledCount: rows * total)
    for (index, part) in parts.enumerated() {
      for row in 0..<rows {
        for j in 0..<width { y[row * total + index * width + j] = part[row * width + j] }
      }
    }
    return y
  }
}

extension LSTMState {
  /// Layer `layer`'s part of a state of every layer ([B, L·H] each, layer 0 first within a sequence). [B, H] each
  func layer(_ layer: Int, hiddenSize h: Int, layers: Int) -> LSTMState {
    LSTMState(hidden: Encoder.columns(hidden, width: layers * h, from: layer * h, count: h),
              cells: Encoder.columns(cells, width: layers * h, from: layer * h, count: h))
  }
}
