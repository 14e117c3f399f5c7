"""Hugging Face packaging: the dataset directory (Parquet data, features, card, Croissant, manifest) built from the corpus."""
