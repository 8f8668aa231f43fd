#!/usr/bin/python3
"""Writes the NumpyRandomState test fixture: numpy legacy RandomState draws for a few seeds.

Run with Debian's /usr/bin/python3 (python3-numpy):
  /usr/bin/python3 scripts/numpy-random-fixture.py > sim/src/test/resources/io/diffpilot/sim/random/numpy-legacy.csv
"""
import numpy as np

OPS = ["randint:50:450", "randint:50:450", "randint:100:400", "randint:100:400", "randn",
       "randn", "randn", "random_sample", "randint:0:2", "randint:0:1000000", "randint:-7:7",
       "randint:0:4294967296", "randn", "random_sample"]
print("seed,draw,op,value")
for seed in [0, 1, 2, 42, 1234, 100000, 100049, 2**31, 2**32 - 1]:
    rs = np.random.RandomState(seed)
    for i, op in enumerate(OPS * 3):
        parts = op.split(":")
        if parts[0] == "randint":
            v = rs.randint(int(parts[1]), int(parts[2]))
            print(f"{seed},{i},{op},{int(v)}")
        elif parts[0] == "randn":
            print(f"{seed},{i},{op},{rs.randn()!r}")
        else:
            print(f"{seed},{i},{op},{rs.random_sample()!r}")
