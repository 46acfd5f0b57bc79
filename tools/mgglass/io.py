"""Readers of LAMMPS and mgglass output: dump files, data files, thermo tables of log files,
vectors written by fix ave/time, and the event and atoms files of fix frozen_atom_aqs.

Every box is returned as its origin ``lo`` and the matrix ``h`` whose columns are the cell
vectors a, b, c (restricted triclinic: a along x, b in the xy plane; orthogonal boxes have a
diagonal h), so that x = lo + h s for fractional coordinates s.
"""
import gzip

import numpy as np


def open_text(path):
    """A text file, gzip-compressed when its name ends in .gz (dump ... *.gz of LAMMPS)."""
    return gzip.open(path, "rt") if str(path).endswith(".gz") else open(path, errors="replace")


class Box:
    """A periodic cell: origin lo (3,), cell vectors as the columns of h (3 x 3)."""

    def __init__(self, lo, h, periodic=(True, True, True)):
        self.lo = np.asarray(lo, float)
        self.h = np.asarray(h, float)
        self.periodic = tuple(periodic)

    @classmethod
    def from_bounds(cls, lo, hi, tilt=(0.0, 0.0, 0.0), periodic=(True, True, True)):
        xy, xz, yz = tilt
        length = np.asarray(hi, float) - np.asarray(lo, float)
        return cls(lo, [[length[0], xy, xz], [0.0, length[1], yz], [0.0, 0.0, length[2]]],
                   periodic)

    @property
    def triclinic(self):
        return bool(np.any(self.h != np.diag(np.diag(self.h))))

    @property
    def volume(self):
        return abs(np.linalg.det(self.h))

    @property
    def widths(self):
        """Distances between opposite faces of the cell (along a, b, c)."""
        inv = np.linalg.inv(self.h)
        return 1.0 / np.linalg.norm(inv, axis=1)

    def fractional(self, x, wrap=True):
        s = np.linalg.solve(self.h, (np.atleast_2d(x) - self.lo).T).T
        return s - np.floor(s) if wrap else s

    def cartesian(self, s):
        return self.lo + np.atleast_2d(s) @ self.h.T

    def wrap(self, x):
        return self.cartesian(self.fractional(x))

    def minimum_image(self, d):
        s = np.linalg.solve(self.h, np.atleast_2d(d).T).T
        return (s - np.round(s)) @ self.h.T


def _triclinic_bounds(bounds, tilt):
    """LAMMPS writes the bounding box of a restricted triclinic cell: returns lo, hi of the cell."""
    xy, xz, yz = tilt
    lo = np.array([bounds[0, 0] - min(0.0, xy, xz, xy + xz), bounds[1, 0] - min(0.0, yz), bounds[2, 0]])
    hi = np.array([bounds[0, 1] - max(0.0, xy, xz, xy + xz), bounds[1, 1] - max(0.0, yz), bounds[2, 1]])
    return lo, hi


class Frame:
    """One snapshot of a LAMMPS text dump (dump custom/atom): timestep, box, column names and a
    float array data (one row per atom, in file order unless sorted)."""

    def __init__(self, timestep, box, columns, data):
        self.timestep = timestep
        self.box = box
        self.columns = list(columns)
        self.data = data

    # the attributes of tests/lammps/mggtest.Dump, so that the readers can replace it
    @property
    def h(self):
        return self.box.h

    @property
    def lo(self):
        return self.box.lo

    @property
    def natoms(self):
        return len(self.data)

    def __contains__(self, name):
        return name in self.columns

    def __getitem__(self, name):
        try:
            return self.data[:, self.columns.index(name)]
        except ValueError:
            raise KeyError(f"dump column {name!r} not found (columns: {' '.join(self.columns)})") from None

    def cols(self, *names):
        return np.column_stack([self[n] for n in names])

    def sorted(self, key="id"):
        """A copy with the rows sorted by a column (atom id by default)."""
        order = np.argsort(self[key], kind="stable")
        return Frame(self.timestep, self.box, self.columns, self.data[order])

    def select(self, mask):
        return Frame(self.timestep, self.box, self.columns, self.data[np.asarray(mask)])

    def positions(self, unwrap=False):
        """Cartesian positions from x y z, xs ys zs (scaled) or xu yu zu; with unwrap and image
        flags ix iy iz, unwrapped."""
        if all(c in self.columns for c in ("x", "y", "z")):
            x = self.cols("x", "y", "z")
        elif all(c in self.columns for c in ("xu", "yu", "zu")):
            return self.cols("xu", "yu", "zu")
        elif all(c in self.columns for c in ("xs", "ys", "zs")):
            x = self.box.cartesian(self.cols("xs", "ys", "zs"))
        else:
            raise KeyError("dump has no positions (x y z, xs ys zs or xu yu zu)")
        if unwrap and all(c in self.columns for c in ("ix", "iy", "iz")):
            x = x + self.cols("ix", "iy", "iz") @ self.box.h.T
        return x


def iter_dump(path, sort=False):
    """Yields the Frames of a LAMMPS text dump one at a time (any columns, orthogonal,
    restricted triclinic boxes); sort=True sorts each frame's rows by atom id."""
    with open_text(path) as f:
        while True:
            line = f.readline()
            if not line:
                return
            if not line.startswith("ITEM: TIMESTEP"):
                continue
            timestep = int(f.readline().split()[0])
            line = f.readline()
            while not line.startswith("ITEM: NUMBER OF ATOMS"):
                line = f.readline()  # ITEM: UNITS / TIME
                if not line:
                    raise ValueError(f"{path}: truncated dump header at timestep {timestep}")
            n = int(f.readline())
            header = f.readline().split()  # ITEM: BOX BOUNDS [xy xz yz | abc origin] pp pp pp
            rows = np.array([[float(v) for v in f.readline().split()] for _ in range(3)])
            flags = [fl for fl in header[3:] if fl not in ("xy", "xz", "yz")]
            periodic = tuple(fl == "pp" for fl in flags) if len(flags) == 3 else (True,) * 3
            if "abc" in header:
                raise ValueError(f"{path}: general triclinic dumps are not read (dump_modify "
                                 "triclinic/general no)")
            if "xy" in header:
                tilt = rows[:, 2]
                lo, hi = _triclinic_bounds(rows, tilt)
                box = Box.from_bounds(lo, hi, tilt, periodic)
            else:
                box = Box.from_bounds(rows[:, 0], rows[:, 1], periodic=periodic)
            columns = f.readline().split()[2:]
            lines = [f.readline() for _ in range(n)]
            if n and not lines[-1]:
                raise ValueError(f"{path}: truncated dump at timestep {timestep}")
            data = (np.loadtxt(lines, ndmin=2) if n else np.zeros((0, len(columns))))
            if data.shape[1] != len(columns):
                raise ValueError(f"{path}: {data.shape[1]} values per atom, {len(columns)} columns")
            frame = Frame(timestep, box, columns, data)
            yield frame.sorted() if sort and "id" in columns else frame


def read_dump(path, sort=False):
    """All Frames of a LAMMPS text dump (a list)."""
    return list(iter_dump(path, sort=sort))


def read_frame(path, frame=0, sort=False):
    """One Frame of a dump: frame is its index (0 the first, -1 the last)."""
    frames = read_dump(path, sort=sort)
    if not frames:
        raise ValueError(f"{path}: no snapshot")
    try:
        return frames[frame]
    except IndexError:
        raise ValueError(f"{path}: frame {frame} requested, {len(frames)} in the file") from None


class Data:
    """A LAMMPS data file of atom_style atomic: box, masses, and per atom id, type, x (N x 3)
    and image flags (zeros when the file has none), rows sorted by id; velocities when given."""

    def __init__(self, box, masses, ids, types, x, image, velocities=None, title=""):
        self.box, self.masses, self.title = box, masses, title
        self.ids, self.types, self.x, self.image, self.velocities = ids, types, x, image, velocities

    @property
    def h(self):
        return self.box.h

    @property
    def lo(self):
        return self.box.lo

    @property
    def natoms(self):
        return len(self.ids)


def read_data(path):
    """Reads a LAMMPS data file of atom_style atomic (orthogonal or restricted triclinic with
    xy xz yz)."""
    with open_text(path) as f:
        lines = [line.split("#")[0].strip() for line in f]
    with open_text(path) as f:
        title = f.readline().strip()
    header = {}
    k = 1
    sections = ("Atoms", "Velocities", "Masses", "Pair Coeffs", "PairIJ Coeffs")
    while k < len(lines) and not any(lines[k].startswith(s) for s in sections):
        fields = lines[k].split()
        if len(fields) >= 2:
            words = [w for w in fields if not _is_number(w)]
            values = [float(w) for w in fields if _is_number(w)]
            header[" ".join(words)] = values
        k += 1
    natoms = int(header.get("atoms", [0])[0])
    ntypes = int(header.get("atom types", [0])[0])
    if "avec" in header:
        raise ValueError(f"{path}: general triclinic data files are not read")
    else:
        lo = [header[f"{a}lo {a}hi"][0] for a in "xyz"]
        hi = [header[f"{a}lo {a}hi"][1] for a in "xyz"]
        box = Box.from_bounds(lo, hi, header.get("xy xz yz", (0.0, 0.0, 0.0)))
    masses, atoms, velocities = {}, None, None
    while k < len(lines):
        name = lines[k].split()[0] if lines[k] else ""
        if name in ("Atoms", "Velocities", "Masses") or lines[k].startswith(("Pair", "PairIJ", "Bond")):
            count = {"Masses": ntypes}.get(name, natoms)
            if lines[k].startswith(("Pair", "PairIJ", "Bond")):
                count = ntypes if lines[k].startswith("Pair ") else ntypes * (ntypes + 1) // 2
            k += 1
            while k < len(lines) and not lines[k]:
                k += 1
            block = [lines[k + j].split() for j in range(count)]
            k += count
            if name == "Masses":
                masses = {int(r[0]): float(r[1]) for r in block}
            elif name == "Atoms":
                atoms = np.array(block, float)
            elif name == "Velocities":
                velocities = np.array(block, float)
        else:
            k += 1
    if atoms is None:
        atoms = np.zeros((0, 5))
    if atoms.shape[1] not in (5, 8):
        raise ValueError(f"{path}: Atoms rows of {atoms.shape[1]} values (atom_style atomic: "
                         "id type x y z [ix iy iz])")
    order = np.argsort(atoms[:, 0], kind="stable")
    atoms = atoms[order]
    image = atoms[:, 5:8].astype(int) if atoms.shape[1] == 8 else np.zeros((len(atoms), 3), int)
    if velocities is not None:
        velocities = velocities[np.argsort(velocities[:, 0], kind="stable")][:, 1:4]
    return Data(box, masses, atoms[:, 0].astype(int), atoms[:, 1].astype(int), atoms[:, 2:5],
                image, velocities, title)


def _is_number(word):
    try:
        float(word)
        return True
    except ValueError:
        return False


def read_table(path):
    """A whitespace table whose last '#' line before the data names the columns (the style of
    examples/aqs_dmin2's aqs_summary.txt). Returns (names, data)."""
    names, rows = [], []
    for line in open_text(path):
        if line.startswith("#"):
            if not rows:
                names = line[1:].split()
            continue
        if line.strip():
            rows.append([float(v) for v in line.split()])
    data = np.array(rows, float).reshape(len(rows), -1)
    if names and len(names) != data.shape[1]:
        names = names[:data.shape[1]] + [f"col{k + 1}" for k in range(len(names), data.shape[1])]
    return names or [f"col{k + 1}" for k in range(data.shape[1])], data


def read_thermo(path):
    """The thermo tables of a LAMMPS log (or screen output): a list of (columns, data), one per
    run or minimize; lines inside a table that are not thermo rows (warnings, messages of fixes)
    are skipped; 'multi' style thermo is not read."""
    tables, columns, rows = [], None, []
    for line in open_text(path):
        fields = line.split()
        if fields and fields[0] == "Step" and len(fields) > 1:
            if columns is not None:
                tables.append((columns, np.array(rows, float).reshape(len(rows), len(columns))))
            columns, rows = fields, []
            continue
        if columns is None:
            continue
        if line.startswith(("Loop time", "ERROR")):
            tables.append((columns, np.array(rows, float).reshape(len(rows), len(columns))))
            columns = None
            continue
        if len(fields) == len(columns):
            try:
                rows.append([float(v) for v in fields])
            except ValueError:
                pass
    if columns is not None:
        tables.append((columns, np.array(rows, float).reshape(len(rows), len(columns))))
    return tables


def read_ave_time_vector(path):
    """A file of fix ave/time ... mode vector: a list of (timestep, rows), rows an array of the
    values after the row index (one column per averaged quantity)."""
    blocks = []
    with open_text(path) as f:
        lines = [line.split() for line in f if not line.startswith("#") and line.strip()]
    k = 0
    while k < len(lines):
        step, nrows = int(lines[k][0]), int(lines[k][1])
        rows = np.array([[float(v) for v in r[1:]] for r in lines[k + 1:k + 1 + nrows]])
        blocks.append((step, rows))
        k += 1 + nrows
    return blocks


EVENT_COLUMNS = ("event", "step", "strain", "stress_before", "stress_after", "drop", "shortfall",
                 "energy_drop", "dissipated", "force_evaluations", "n_d2min_above", "n_clusters")


def read_events(path):
    """The event file of fix frozen_atom_aqs: a dict of arrays, one entry per column of its
    header (event, step, strain, stress_before, ..., and with the analysis n_d2min_above,
    n_clusters), plus 'cluster_sizes': a list of integer arrays (descending; empty for '-')."""
    names, rows, sizes = None, [], []
    for line in open_text(path):
        if line.startswith("#"):
            if names is None:
                names = line[1:].split("(")[0].split()
                # files of the plugin before issue 13: drop was the shortfall against the
                # elastic prediction, raw_drop the drop from the step before
                if "raw_drop" in names:
                    names = [{"drop": "shortfall", "raw_drop": "drop"}.get(n, n) for n in names]
            continue
        fields = line.split()
        if not fields:
            continue
        if names is None:
            names = list(EVENT_COLUMNS[:len(fields)]) + (["cluster_sizes"] if len(fields) > 12 else [])
        numeric = [n for n in names if n != "cluster_sizes"]
        rows.append([float(v) for v in fields[:len(numeric)]])
        if "cluster_sizes" in names:
            text = fields[len(numeric)] if len(fields) > len(numeric) else "-"
            sizes.append(np.array([int(v) for v in text.split(",")] if text != "-" else [], int))
    names = names or list(EVENT_COLUMNS[:10])
    numeric = [n for n in names if n != "cluster_sizes"]
    data = np.array(rows, float).reshape(len(rows), len(numeric))
    out = {n: data[:, k] for k, n in enumerate(numeric)}
    for n in ("event", "step", "force_evaluations", "n_d2min_above", "n_clusters"):
        if n in out:
            out[n] = out[n].astype(int)
    if "cluster_sizes" in names:
        out["cluster_sizes"] = sizes
    return out


ARTN_TEXT_COLUMNS = ("status", "local_status")


def read_artn_events(path):
    """The event file of fix artn: a dict of arrays, one entry per column of its second header
    line (search, atom, type, status, E_act, ..., duplicate_of, ...): status and local_status as
    strings, search, atom, type and duplicate_of as integers, the rest as floats (nan where the
    search ended before a saddle)."""
    names, rows = None, []
    for line in open_text(path):
        if line.startswith("#"):
            if line.split()[1:2] == ["search"]:
                names = line[1:].split()
            continue
        if line.strip():
            rows.append(line.split())
    if names is None:
        raise ValueError(f"{path}: no '# search atom type status E_act ...' header (not a fix artn event file)")
    out = {}
    for k, n in enumerate(names):
        column = [row[k] for row in rows]
        if n in ARTN_TEXT_COLUMNS:
            out[n] = np.array(column, dtype=str)
        elif n in ("search", "atom", "type", "duplicate_of"):
            out[n] = np.array(column, dtype=int)
        else:
            out[n] = np.array(column, dtype=float)
    return out


class AtomsEvent:
    """One event block of the atoms file of fix frozen_atom_aqs: head (event, step, strain,
    reference_D_f, gap_lower, gap_upper, core_threshold, n_core), column names and rows (one per
    atom, sorted by id)."""

    def __init__(self, head, columns, data):
        self.head, self.columns, self.data = head, columns, data

    def __getitem__(self, name):
        return self.data[:, self.columns.index(name)]

    @property
    def swept(self):
        return bool(np.any(self["D_f"] >= 0)) if len(self.data) else False


ATOMS_COLUMNS = ("id", "type", "D_f", "core", "d2min", "broken", "formed", "von_mises_change",
                 "cluster", "evaluations")


def read_atoms_file(path):
    """All event blocks of the atoms file of fix frozen_atom_aqs (a list of AtomsEvent)."""
    events = []
    for block in open_text(path).read().split("# event ")[1:]:
        lines = block.splitlines()
        fields = lines[0].split()
        head = {"event": int(fields[0])}
        head.update({fields[k]: float(fields[k + 1]) for k in range(1, len(fields) - 1, 2)})
        columns = (lines[1][1:].split() if len(lines) > 1 and lines[1].startswith("#")
                   else list(ATOMS_COLUMNS))
        body = [line for line in lines[1:] if line.strip() and not line.startswith("#")]
        data = np.loadtxt(body, ndmin=2) if body else np.zeros((0, len(columns)))
        events.append(AtomsEvent(head, columns, data))
    return events
