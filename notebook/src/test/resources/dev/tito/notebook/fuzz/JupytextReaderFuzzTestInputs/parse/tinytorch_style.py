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
# Module 01: Tensor

A `# %%` inside this string is text, not a marker.
"""

# %% nbgrader={"grade": false, "grade_id": "imports", "locked": false, "schema_version": 3, "solution": false}
#| default_exp core.tensor
import numpy as np

# %% nbgrader={"grade": false, "grade_id": "tensor-class", "locked": false, "schema_version": 3, "solution": true}
class Tensor:
    """A tiny tensor.

    # %% this is docstring text, not a marker
    """

    def __init__(self, data):
        ### BEGIN SOLUTION
        self.data = np.array(data, dtype=np.float32)
        ### END SOLUTION

    # %% nbgrader={"grade": false, "grade_id": "tensor-add", "solution": true}
    def __add__(self, other):
        ### BEGIN SOLUTION
        return Tensor(self.data + other.data)
        ### END SOLUTION


# %% [markdown]
# ### Unit test: creation
#
# Run the cell below.

# %% nbgrader={"grade": true, "grade_id": "test-creation", "locked": true, "points": 2, "schema_version": 3, "solution": false}
t = Tensor([1, 2, 3])
assert t.data.shape == (3,)
# %% Checking addition tags=["hide"]
# %time
u = t + t
# %% [raw]
# raw text
