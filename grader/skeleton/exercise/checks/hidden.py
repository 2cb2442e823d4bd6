"""Hidden checks: the reference on inputs drawn from `rng`, seeded per student."""

import numpy as np

from grader.checks import check, expect_close, gradient_check


@check("scale matches the reference on random arrays", points=1)
def scale_random(submission, reference, rng):
    for shape in ((5,), (3, 4)):
        x, w = rng.normal(size=shape), float(rng.normal())
        expect_close(submission.scale(x, w), reference.scale(x, w), what=f"scale(x, w), x {shape}")


@check("loss_gradient is the derivative of the loss (central differences)", points=2)
def gradient(submission, reference, rng):
    x, y, w = rng.normal(size=6), rng.normal(size=6), float(rng.normal())
    analytic = np.asarray(submission.loss_gradient(x, w, y), dtype=np.float64)
    gradient_check(
        lambda params: reference.loss(x, float(params["w"]), y),
        {"w": np.array(w)},
        {"w": analytic},
    )
