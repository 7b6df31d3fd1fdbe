"""The ASN neutrality engine: normalise -> match entities -> classify -> apply rules -> verdict.

Plain typed Python with no Django import, so the CLI, the API, batch jobs and tests all call
the same functions.
"""
