from . import test_quality, test_quality_guards, test_trace
