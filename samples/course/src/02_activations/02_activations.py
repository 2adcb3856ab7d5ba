# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.16.4
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
"""
# Module 02: Activations

Activation functions give a network its non-linearity. You will write ReLU and a numerically
stable softmax on NumPy arrays.
"""

# %% nbgrader={"grade": false, "grade_id": "imports", "locked": true, "schema_version": 3, "solution": false}
import numpy as np

# %% nbgrader={"grade": false, "grade_id": "relu", "locked": false, "schema_version": 3, "solution": true}
def relu(x):
    """Return max(x, 0) element-wise."""
    ### BEGIN SOLUTION
    return np.maximum(x, 0)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test-relu", "locked": true, "points": 1, "schema_version": 3, "solution": false}
assert np.array_equal(relu(np.array([-2.0, 0.0, 3.0])), [0.0, 0.0, 3.0])

# %% nbgrader={"grade": false, "grade_id": "softmax", "locked": false, "schema_version": 3, "solution": true}
def softmax(x):
    """Softmax over the last axis, stable for large inputs (subtract the maximum first)."""
    ### BEGIN SOLUTION
    shifted = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test-softmax", "locked": true, "points": 2, "schema_version": 3, "solution": false}
p = softmax(np.array([1.0, 2.0, 3.0]))
assert np.isclose(p.sum(), 1.0)
assert np.all(np.diff(p) > 0)
### BEGIN HIDDEN TESTS
big = softmax(np.array([1000.0, 1000.0]))
assert np.allclose(big, [0.5, 0.5])
### END HIDDEN TESTS
