"""The bundled exercises, one folder per exercise (installed as `grade_exercises`)."""
