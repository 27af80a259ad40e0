"""Reading Keras text classifiers and mapping them to PyTorch's names, for scripts/convert-keras.py.

files         the model config and the weight arrays of a Keras 3 .keras or a Keras HDF5 file (h5py, zipfile, json)
architecture  the layer chain, checked: every setting PyTorch's modules would not reproduce is refused
weights       Keras's kernels and biases as PyTorch's state_dict (gate orders, transposes, biases)
tokenizer     a Keras Tokenizer JSON as the tool's vocabulary, tokenizer and special-id metadata
"""


class ConversionError(Exception):
    """A model or tokenizer that does not convert exactly; the message names the layer and the fix."""
