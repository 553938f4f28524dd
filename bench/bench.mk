# make bench / make soak: performance against nginx, and a long mixed load watching memory.
# Included from the Makefile; the scripts are in this folder.
bench: lis
	@bench/bench.sh

soak: lis
	@bench/soak.sh
