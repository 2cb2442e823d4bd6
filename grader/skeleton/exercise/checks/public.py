"""Public checks: they ship to students, so they use literal expected values only."""

import numpy as np

from grader.checks import check, expect_close


@check("scale multiplies every entry by w", points=1, visibility="visible")
def scale_small(submission):
    got = submission.scale(np.array([1.0, -2.0, 0.5]), 3.0)
    expect_close(got, np.array([3.0, -6.0, 1.5]), what="scale([1, -2, 0.5], 3)")
