#!/usr/bin/python3
"""V-DOS of the example (vdos.txt from in.participation) against hbar omega in meV: vdos.png."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

WIDTH = 0.5  # meV, as in in.participation

rows = [line.split() for line in open("vdos.txt") if not line.startswith("#")][1:]
dos = np.array([float(r[1]) for r in rows])
energy = (np.arange(len(dos)) + 0.5) * WIDTH
peak = energy[np.argmax(dos)]
plt.plot(energy, dos, drawstyle="steps-mid")
plt.xlabel("hbar omega (meV)")
plt.ylabel("D (1/meV)")
plt.title(f"Cu64Zr36, 2,000 atoms: V-DOS (peak near {peak:.1f} meV)")
plt.savefig("vdos.png", dpi=120)
print(f"vdos.png: peak at {peak:.2f} meV, integral {dos.sum() * WIDTH:.4f}")
