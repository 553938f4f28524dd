# make bench / make soak: performance against nginx, and a long mixed load watching memory.
# Included from the Makefile; the scripts are in this folder. bench-scan: the scan
# import's MB/s and peak RSS on a generated file (BENCH_SCAN_MB, default 256). The import
# of a 20 MB system list (preview and import, rows/s, peak RSS). The national view over
# 290 tenants on both engines (bench/national.sh).
bench: lis
	@bench/bench.sh
	@bench/national.sh
	@bench/scan_import.py
	@bench/import_preview.py

bench-scan: lis
	@bench/scan_import.py

soak: lis
	@bench/soak.sh
