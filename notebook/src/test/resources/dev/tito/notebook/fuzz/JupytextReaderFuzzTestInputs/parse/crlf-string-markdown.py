# %% [md]
"""
text
"""
# %%
print(1)
