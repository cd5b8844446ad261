"""Events: who did what to whom and when, coded from sentences."""
