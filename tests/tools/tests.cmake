# The analysis toolkit (tools/mgg, tools/mgglass): known answers and end-to-end runs
# (tools.readers runs LAMMPS without the plugin; tools.report headless chromium; the others
# need python3 only)
mgg_lammps_test(tools.readers tools/test_readers.py)
mgg_lammps_test(tools.known_answers tools/test_known_answers.py)
mgg_lammps_test(tools.correlation_grf tools/test_correlation_grf.py)
mgg_lammps_test(tools.subcommands tools/test_subcommands.py)
mgg_lammps_test(tools.motif_classes tools/test_motif_classes.py)
mgg_lammps_test(tools.report tools/test_report.py)
