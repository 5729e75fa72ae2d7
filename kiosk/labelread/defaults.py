"""Label reading's settings and defaults, apart from the pipeline (which loads OpenCV and NumPy)."""

DEFAULT_THRESHOLD = 0.85  # a proposal needs at least this confidence (0..1)
THRESHOLD_SETTING = "labels.match_threshold"  # the setting that overrides it
TESSDATA_SETTING = "labels.tessdata_dir"  # where Tesseract's eng.traineddata is, when not in the usual places
