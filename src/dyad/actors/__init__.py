"""Actors: the registry, recognition of mentions in text, and their resolution."""
