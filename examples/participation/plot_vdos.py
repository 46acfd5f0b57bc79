#!/usr/bin/python3
"""V-DOS of the example (vdos.txt from in.participation: bin centre in meV, D in 1/meV): vdos.png."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

rows = [line.split() for line in open("vdos.txt") if not line.startswith("#")][1:]
energy = np.array([float(r[1]) for r in rows])
dos = np.array([float(r[2]) for r in rows])
width = energy[1] - energy[0]
peak = energy[np.argmax(dos)]
plt.plot(energy, dos, drawstyle="steps-mid")
plt.xlabel("hbar omega (meV)")
plt.ylabel("D (1/meV)")
plt.title(f"Cu64Zr36, 2,000 atoms: V-DOS (kpm; peak near {peak:.1f} meV)")
plt.savefig("vdos.png", dpi=120)
print(f"vdos.png: peak at {peak:.2f} meV, integral {dos.sum() * width:.4f}")
