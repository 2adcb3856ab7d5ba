# ---
# jupyter:
#   jupytext:
#     cell_metadata_json: true
#   kernelspec: {name: python3, display_name: Python 3, language: python}
# ---

# %% {"tags": ["a"], "nbgrader": {"solution": true, "grade": false, "grade_id": "s", "schema_version": 3}}
def f():
    ### BEGIN SOLUTION
    return 1
    ### END SOLUTION
