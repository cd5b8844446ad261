"""dyad's offline English NLP: training and loading of the bundled spaCy pipeline."""
