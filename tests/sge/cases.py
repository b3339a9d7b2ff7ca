"""`#$` cases for the differential test against a real Grid Engine (`qsub -w v`, tests/sge/cell.sh).

Each case is (id, expectation, codes, lines after `#!/bin/bash`; a case given as bytes is the
whole file). Expectations, as for the Slurm cases:

    ok      qsub accepts it, and the job gets what the script says
    reject  qsub refuses it
    silent  qsub accepts it, but a value is silently different or a line is not read
    launch  `qsub -w v` accepts it, but the real submission is refused, or the job cannot start
            or cannot write its output

jobcheck must report an error for reject and launch, at least a warning (no error) for silent,
nothing at warning or above for ok. `codes` are the rules that must report those errors or
warnings: exactly these, no other rule at that level (empty for ok). Facts from the schedulers
report's 167-case transcript of Son of Grid Engine 8.1.9.
"""

CASES = [
    # ---- reading the lines ----
    ("read-basic", "ok", (), ["#$ -N basic", "#$ -cwd", "#$ -l h_rt=600"]),
    ("read-tab", "ok", (), ["#$\t-N tabbed"]),
    ("read-glued", "ok", (), ["#$-N glued"]),
    ("read-late", "ok", (), ["#$ -N early", "echo hi", "#$ -l h_rt=0:10:0"]),
    ("read-indented", "silent", ("JC603",), ["#$ -N x", "  #$ -l h_rt=600"]),
    ("read-space", "silent", ("JC603",), ["#$ -N x", "# $ -l h_rt=600"]),
    ("read-hash-cut", "silent", ("JC602",), ["#$ -N run # first -q long.q"]),
    ("read-hash-in-name", "silent", ("JC602",), ["#$ -N sweep#3"]),
    ("read-comment-after", "ok", (), ["#$ -q long.q # the long queue"]),
    ("read-comment-after-dash", "ok", (), ["#$ -l h_vmem=2G    # memory per slot - plenty"]),
    ("read-comment-after-pe", "ok", (), ["#$ -pe smp 2  ## two cores"]),
    ("read-hash-in-quotes", "silent", ("JC602",), ['#$ -o "logs/run #7.out"']),  # stdout_path_list: logs/run
    ("read-quoted", "ok", (), ["#$ -N 'quoted'"]),
    ("read-other-prefixes", "ok", (), ["#$ -N mixed", "#SLURM --time=5", "# PBS -N x"]),
    # ---- options ----
    ("opt-unknown", "reject", ("JC601",), ["#$ -foo bar"]),
    ("opt-slurm-long", "reject", ("JC601",), ["#$ --time=10"]),
    ("opt-pbs-array", "reject", ("JC601",), ["#$ -J 1-10"]),
    ("opt-missing-value", "reject", ("JC601",), ["#$ -N"]),
    ("opt-stray-word", "reject", ("JC601",), ["#$ -N name extra"]),
    ("opt-typo", "reject", ("JC601",), ["#$ -cwdd"]),
    ("opt-repeated", "silent", ("JC612",), ["#$ -N first", "#$ -N second"]),
    ("opt-repeated-resource", "silent", ("JC612",), ["#$ -l h_rt=600", "#$ -l h_rt=1200"]),
    ("opt-many", "ok", (), ["#$ -N many -cwd -V -j y -m n -r y", "#$ -q all.q -p 0"]),
    ("opt-hold", "ok", (), ["#$ -hold_jid 999999"]),
    ("val-priority-name", "reject", ("JC613", "JC620"), ["#$ -p myproject"]),  # invalid priority "myproject"
    ("opt-hold-slurm", "silent", ("JC610",), ["#$ -hold_jid afterok:12"]),
    # ---- time values ----
    ("time-seconds", "ok", (), ["#$ -l h_rt=3600"]),
    ("time-hms", "ok", (), ["#$ -l h_rt=0:90:00"]),
    ("time-hms-padded", "ok", (), ["#$ -l h_rt=08:00:00"]),
    ("time-mm-ss", "reject", ("JC604",), ["#$ -l h_rt=01:00"]),
    ("time-days", "reject", ("JC604",), ["#$ -l h_rt=1-00:00:00"]),
    ("time-four-fields", "reject", ("JC604",), ["#$ -l h_rt=1:00:00:00"]),
    ("time-words", "reject", ("JC604",), ["#$ -l h_rt=abc"]),
    ("time-octal", "silent", ("JC604",), ["#$ -l h_rt=0600"]),
    ("time-soft", "ok", (), ["#$ -l s_rt=3000,h_rt=3600"]),
    # ---- memory values ----
    ("mem-upper", "ok", (), ["#$ -l h_vmem=2G"]),
    ("mem-lower", "ok", (), ["#$ -l h_vmem=2g"]),
    ("mem-decimal", "ok", (), ["#$ -l h_vmem=2.5G"]),
    ("mem-hex", "ok", (), ["#$ -l h_vmem=0x10G"]),
    ("mem-gb", "reject", ("JC605",), ["#$ -l h_vmem=2GB"]),
    ("mem-bytes", "silent", ("JC605",), ["#$ -l h_vmem=2048"]),
    ("mem-list", "ok", (), ["#$ -l h_rt=600,h_vmem=1G"]),
    ("mem-space-after-comma", "reject", ("JC601",), ["#$ -l h_rt=1:00:00, h_vmem=2G"]),
    # ---- parallel environments, arrays ----
    ("pe-ok", "ok", (), ["#$ -pe smp 2"]),
    ("pe-range", "ok", (), ["#$ -pe smp 2-4"]),
    ("pe-zero", "reject", ("JC611",), ["#$ -pe smp 0"]),
    ("pe-word", "reject", ("JC611",), ["#$ -pe smp two"]),
    ("pe-missing-range", "reject", ("JC601",), ["#$ -pe smp"]),
    ("array-ok", "ok", (), ["#$ -t 1-10:2"]),
    ("array-tc", "ok", (), ["#$ -t 1-3", "#$ -tc 2"]),
    ("array-percent", "reject", ("JC606",), ["#$ -t 1-10%2"]),
    ("array-zero", "reject", ("JC606",), ["#$ -t 0-5"]),
    # ---- names ----
    ("name-digit", "reject", ("JC608",), ["#$ -N 1abc"]),
    ("name-slash", "reject", ("JC608",), ["#$ -N a/b"]),
    ("name-colon", "reject", ("JC608",), ["#$ -N a:b"]),
    ("name-at", "reject", ("JC608",), ["#$ -N a@b"]),
    ("name-star", "reject", ("JC608",), ["#$ -N a*b"]),
    ("name-punctuation", "ok", (), ["#$ -N a.b-c_d"]),
    # ---- output paths ----
    ("out-pseudo", "ok", (), ["#$ -o $HOME/o.$USER.$JOB_ID.$JOB_NAME.out", "#$ -e $HOME/e.$HOSTNAME.err"]),
    ("out-task", "ok", (), ["#$ -t 1-2", "#$ -o o.$TASK_ID.$JOB_ID.out"]),
    ("out-tilde", "ok", (), ["#$ -o ~/o.out"]),
    ("out-braced-dir", "launch", ("JC607",), ["#$ -o ${HOME}/o.out"]),
    ("out-sge-task-id", "silent", ("JC607", "JC617"), ["#$ -t 1-2", "#$ -o o.$SGE_TASK_ID.out"]),
    ("out-slurm-pattern", "silent", ("JC607",), ["#$ -o out.%j"]),
    # ---- the shell ----
    ("shell-python", "launch", ("JC609",), b"#!/usr/bin/python3\n#$ -N py\nprint('python ran')\n"),
    ("shell-python-s", "ok", (), b"#!/usr/bin/python3\n#$ -N py\n#$ -S /usr/bin/python3\nprint('python ran')\n"),
    # ---- more of each kind ----
    ("read-bare-prefix", "ok", (), ["#$", "#$ -N bare"]),
    ("read-sbatch-next-to-it", "ok", (), ["#$ -N mix", "#SBATCH --time=5"]),
    ("read-many-lines", "ok", (), ["#$ -N a", "#$ -cwd", "#$ -V", "#$ -j y", "#$ -l h_rt=60"]),
    ("read-after-commands", "ok", (), ["echo one", "echo two", "#$ -l h_vmem=1G"]),
    # `qsub -w v` accepts these; the real submission is refused (report cases x04, n08, m16)
    ("name-space", "launch", ("JC608",), ['#$ -N "a b"']),
    ("name-non-ascii", "launch", ("JC608",), ["#$ -N 이름"]),
    ("name-long", "ok", (), ["#$ -N " + "n" * 300]),
    ("name-dots", "ok", (), ["#$ -N v1.2.3_final-run"]),
    ("opt-j-yes", "ok", (), ["#$ -j yes"]),
    ("opt-j-n", "ok", (), ["#$ -j n"]),
    ("opt-j-oe", "reject", ("JC613",), ["#$ -j oe"]),
    ("opt-m-ok", "ok", (), ["#$ -m bea"]),
    ("opt-m-x", "reject", ("JC613",), ["#$ -m x"]),
    ("opt-a-ok", "ok", (), ["#$ -a 203012312359"]),
    ("opt-a-words", "reject", ("JC613",), ["#$ -a tomorrow"]),
    ("opt-p-positive", "launch", ("JC613",), ["#$ -p 10"]),
    ("opt-p-negative", "ok", (), ["#$ -p -10"]),
    ("opt-r-no", "ok", (), ["#$ -r no"]),
    ("opt-v-list", "ok", (), ["#$ -v A=1,B=2"]),
    ("opt-V", "ok", (), ["#$ -V"]),
    ("opt-mail", "ok", (), ["#$ -M alice@uni.edu -m e"]),
    ("opt-binary-in-script", "silent", ("JC615",), ["#$ -N bin", "#$ -b y"]),
    ("opt-binding", "ok", (), ["#$ -binding linear:2"]),
    ("opt-w-error", "ok", (), ["#$ -w e"]),
    ("res-walltime", "reject", ("JC614",), ["#$ -l walltime=1:00:00"]),
    ("res-ncpus", "reject", ("JC614",), ["#$ -l ncpus=4"]),
    ("res-upper", "reject", ("JC614",), ["#$ -l H_RT=1:00:00"]),
    ("res-gpu", "ok", (), ["#$ -l gpu=1"]),
    ("res-repeated-in-list", "silent", ("JC612",), ["#$ -l h_rt=600,h_rt=1200"]),
    ("time-large", "ok", (), ["#$ -l h_rt=100:00:00"]),
    ("time-cpu", "ok", (), ["#$ -l h_cpu=1:00:00"]),
    ("time-octal-cpu", "silent", ("JC604",), ["#$ -l h_cpu=0100"]),
    ("mem-mega", "ok", (), ["#$ -l h_vmem=512M"]),
    ("mem-tera", "ok", (), ["#$ -l h_vmem=1T"]),
    ("mem-kilo-bytes", "reject", ("JC605",), ["#$ -l h_vmem=512KB"]),
    ("mem-soft", "ok", (), ["#$ -l s_vmem=1G,h_vmem=2G"]),
    ("pe-mpi", "ok", (), ["#$ -pe mpi 4"]),
    ("pe-open", "ok", (), ["#$ -pe smp 2-"]),
    ("array-list", "ok", (), ["#$ -t 1,3,5"]),
    ("array-step", "ok", (), ["#$ -t 2-20:2"]),
    ("array-percent-only", "reject", ("JC606",), ["#$ -t 1-4%1"]),
    ("out-host", "ok", (), ["#$ -o vm:o.out"]),
    ("out-dir", "ok", (), ["#$ -o logs/ -e logs/"]),
    ("out-braced-file", "silent", ("JC607",), ["#$ -o out.${JOB_ID}"]),
    ("out-pwd-dir", "launch", ("JC607",), ["#$ -o $PWD/logs/o.out"]),
    ("shell-sh", "ok", (), b"#!/bin/sh\n#$ -N sh\necho hi\n"),
    ("shell-env-bash", "ok", (), b"#!/usr/bin/env bash\n#$ -N b\necho hi\n"),
    ("shell-perl", "launch", ("JC609",), b"#!/usr/bin/perl\n#$ -N p\nprint 1;\n"),
    ("shell-S-bash", "ok", (), ["#$ -S /bin/bash"]),
    ("file-crlf", "silent", ("JC616",), b"#!/bin/bash\r\n#$ -N dos\r\necho hi\r\n"),
]
