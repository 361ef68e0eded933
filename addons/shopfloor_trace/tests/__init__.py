from . import test_quality, test_trace
