/// The "how to read this" section of the evaluation page: each measure's definition, which direction is better,
/// and where it comes from.
enum EvaluationReportGuide {
  static func section(_ document: EvaluationDocument, into html: inout String) {
    let threshold = EvaluationFormatting.sanityThreshold
    html += "<section id=\"guide\">\n<h2>How to read this</h2>\n<dl class=\"guide\">\n"
    let entries: [(term: String, definition: String)] = [
      ("Comprehensiveness [1]",
       "p(target | x) − p(target | x with the method's top k% tokens erased), per bin; AOPC is its mean over the "
         + "bins. Higher = more faithful: the tokens the method ranks first are the ones the prediction needs."),
      ("Sufficiency [1]",
       "p(target | x) − p(target | only the top k% tokens kept). Lower = more faithful: those tokens alone keep "
         + "the prediction."),
      ("Word deletion [2]",
       "Accuracy as the highest-scored tokens of correctly predicted texts are deleted one by one (lower and "
         + "faster falling = better), and as the tokens scored lowest for the gold class are deleted from wrongly "
         + "predicted texts (higher and faster rising = better)."),
      ("Random baseline",
       "The same measures with tokens ranked in a uniformly random order, averaged over \(document.randomSeeds) "
         + "seeds. A method that does not beat it explains nothing about the model."),
      ("Agreement: Kendall τ-b [4]",
       "Rank correlation of two methods' scores over one text's tokens, corrected for ties; 1 = same order, "
         + "0 = unrelated, −1 = reversed. Undefined for texts under two tokens or with all scores tied."),
      ("Sanity check: Spearman ρ [3, 5]",
       "Rank correlation (Pearson correlation of the ranks) between a text's map on the trained model and on a "
         + "model with randomised layers. A method passes when ρ of the fully randomised model is below "
         + "\(threshold); a map that survives randomising the weights does not explain them."),
      ("Plausibility",
       "How many of a method's top tokens a sentiment lexicon lists with the target class's valence. It says "
         + "whether a map looks sensible to a reader, not whether it is faithful."),
      ("Intervals",
       "Bootstrap 95% percentile intervals over texts, \(document.bootstrapResamples) resamples [6]; n/a where a "
         + "figure is undefined (e.g. no wrongly predicted text)."),
    ]
    for entry in entries { html += "<dt>\(entry.term)</dt><dd>\(entry.definition)</dd>\n" }
    html += "</dl>\n<ol class=\"refs\">\n"
    for reference in references { html += "<li>\(reference)</li>\n" }
    html += "</ol>\n</section>\n"
  }

  /// Cited by number in the definitions.
  private static let references = [
    "DeYoung, J., Jain, S., Rajani, N. F., Lehman, E., Xiong, C., Socher, R., Wallace, B. C. (2020). ERASER: A "
      + "Benchmark to Evaluate Rationalized NLP Models. <i>ACL 2020</i>.",
    "Arras, L., Montavon, G., Müller, K.-R., Samek, W. (2017). Explaining Recurrent Neural Network Predictions in "
      + "Sentiment Analysis. <i>WASSA 2017</i>.",
    "Adebayo, J., Gilmer, J., Muelly, M., Goodfellow, I., Hardt, M., Kim, B. (2018). Sanity Checks for Saliency "
      + "Maps. <i>NeurIPS 2018</i>.",
    "Kendall, M. G. (1945). The Treatment of Ties in Ranking Problems. <i>Biometrika</i> 33(3), 239–251.",
    "Spearman, C. (1904). The Proof and Measurement of Association between Two Things. <i>The American Journal of "
      + "Psychology</i> 15(1), 72–101.",
    "Efron, B., Tibshirani, R. J. (1993). <i>An Introduction to the Bootstrap</i>. Chapman &amp; Hall.",
  ]
}
