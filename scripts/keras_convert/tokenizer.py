"""A Keras Tokenizer JSON (Tokenizer.to_json()) as the tool's saliency.vocabulary, .tokenizer and .special_ids."""
import json

from . import ConversionError


def tokenizer_metadata(path, vocabulary_size):
    """saliency.vocabulary, saliency.tokenizer, saliency.special_ids from a Keras Tokenizer JSON, and notes."""
    try:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
    except (OSError, ValueError) as error:
        raise ConversionError(f"{path}: cannot read the tokenizer JSON ({error})")
    config = document.get("config", document) if isinstance(document, dict) else None
    if not isinstance(config, dict) or "word_index" not in config:
        raise ConversionError(f"{path}: not a Keras Tokenizer JSON (tokenizer.to_json()): no config.word_index")
    word_index = config["word_index"]
    if isinstance(word_index, str):
        word_index = json.loads(word_index)
    if config.get("char_level"):
        raise ConversionError(f"{path}: char_level=True; the tool cuts text into words (and Han characters), so a "
                              "character-level Keras Tokenizer does not convert")
    oov = config.get("oov_token")
    if oov is None:
        raise ConversionError(f"{path}: the Tokenizer has no oov_token, so Keras drops unknown words, while the tool "
                              "maps them to <unk>; refit it with Tokenizer(oov_token='<OOV>') and retrain, or convert "
                              "without --tokenizer and explain --token-ids")
    if word_index.get(oov) != 1:
        raise ConversionError(f"{path}: the oov_token {oov!r} has index {word_index.get(oov)}, expected 1")
    limit = vocabulary_size if config.get("num_words") is None else min(vocabulary_size, int(config["num_words"]))
    index_word = {int(i): w for w, i in word_index.items()}
    vocabulary, unused = ["<pad>", "<unk>"], 0
    for i in range(2, vocabulary_size):
        if i < limit and i in index_word:
            vocabulary.append(index_word[i])
        else:  # an id Keras never produces: a form no text tokenizes to
            vocabulary.append(f"<unused {i}>")
            unused += 1
    seen = {}
    for i, form in enumerate(vocabulary):
        if form in seen:
            raise ConversionError(f"{path}: the word {form!r} (index {i}) repeats index {seen[form]}; the tool's "
                                  "vocabulary needs distinct forms, and '<pad>', '<unk>' are ids 0 and 1")
        seen[form] = i
    notes = []
    han_words = sum(1 for form in vocabulary[2:] if len(form) > 1 and any("\u4e00" <= ch <= "\u9fff" for ch in form))
    if han_words:
        notes.append(f"{han_words} word(s) hold several Han characters; the tool cuts Han text into single "
                     "characters (tokenizer character-han), so those words never match: explain such a model with "
                     "--token-ids")
    if unused:
        notes.append(f"{unused} embedding row(s) have no word (ids Keras never produces: num_words or a larger "
                     "input_dim); they get the placeholder forms '<unused ID>'")
    if config.get("split", " ") != " ":
        notes.append(f"the Tokenizer splits on {config['split']!r}; the tool splits on white space and punctuation")
    notes.append("Keras's Tokenizer deletes the characters of its filters (punctuation); the tool makes each a token "
                 "(<unk> unless in the vocabulary): remove punctuation from texts, or explain the ids of "
                 "tokenizer.texts_to_sequences with --token-ids, to give the model exactly Keras's input")
    tokenizer = {"kind": "character-han", "lowercase": bool(config.get("lower", True)),
                 "mask_hashtags": False, "mask_mentions": False, "mask_urls": False}
    metadata = {"saliency.vocabulary": json.dumps(vocabulary, ensure_ascii=False, separators=(",", ":")),
                "saliency.tokenizer": json.dumps(tokenizer, sort_keys=True, separators=(",", ":")),
                "saliency.special_ids": json.dumps({"pad": 0, "unk": 1}, separators=(",", ":"))}
    return metadata, notes
