// Corpus: turning text files into tokens and ids. No dependency on other project modules.
//
// - Tokenization: `Tokenizer` (settings stored with a model under `saliency.tokenizer`) cuts a text into
//   `Token`s with offsets in Unicode scalars; `Vocabulary` (stored under `saliency.vocabulary`) maps
//   their vocabulary forms to ids, with `<pad>` = 0 and `<unk>` = 1.
// - Reading: `CorpusReader` streams `LabelledText` records out of TSV, CSV, JSONL or plain-lines files
//   (`CorpusFormat`, `TextEncoding`, `CorpusReaderOptions`), failing with a `CorpusError` that names the
//   file and line, or skipping malformed records into `RejectedRow`s.
// - Lexicons: `Lexicon` reads a `word<TAB>valence` sentiment lexicon (for `saliency evaluate`'s plausibility
//   check) into the tokenizer's vocabulary forms, failing with a `LexiconError` that names the file and line.
//
// Layers inside the module, top to bottom: CorpusReader → RecordFields / CSVParser / JSONLRecord →
// RecordScanner (chunked byte buffer, line and quote boundaries) → ByteSource (FileHandle or memory).
// Tokenizer → TokenScanner (extents) + TokenNormalizer (NFKC, case) → ScalarClass (per-scalar rules).
