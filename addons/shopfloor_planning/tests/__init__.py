from . import (
    test_planning,
    test_planning_promise,
    test_planning_rush,
    test_planning_scale,
    test_planning_timeline_ui,
)
