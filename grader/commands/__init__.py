"""The commands of `grade`, one module per audience; ``grader.cli`` loads them lazily."""
