# %% [markdown] tags=["intro"]
# # Title
# Some *text*.

# %% tags=["hide"] name="x" active="ipynb"
# %matplotlib inline
x = 1

# %% [raw]
# raw text

# %% key="value" nbgrader={"grade": true, "grade_id": "t1", "points": 2, "schema_version": 3, "solution": false, "locked": true}
assert x == 1
