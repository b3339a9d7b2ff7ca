"""`#$` cases for the differential test against a real Grid Engine (`qsub -w v`, tests/sge/cell.sh).

Each case is (id, expectation, lines after `#!/bin/bash`; a case given as bytes is the whole
file). Expectations, as for the Slurm cases:

    ok      qsub accepts it, and the job gets what the script says
    reject  qsub refuses it
    silent  qsub accepts it, but a value is silently different or a line is not read
    launch  `qsub -w v` accepts it, but the real submission is refused, or the job cannot start
            or cannot write its output

jobcheck must report an error for reject and launch, at least a warning (no error) for silent,
nothing at warning or above for ok. Facts from the schedulers report's 167-case transcript of
Son of Grid Engine 8.1.9.
"""

CASES = [
    # ---- reading the lines ----
    ("read-basic", "ok", ["#$ -N basic", "#$ -cwd", "#$ -l h_rt=600"]),
    ("read-tab", "ok", ["#$\t-N tabbed"]),
    ("read-glued", "ok", ["#$-N glued"]),
    ("read-late", "ok", ["#$ -N early", "echo hi", "#$ -l h_rt=0:10:0"]),
    ("read-indented", "silent", ["#$ -N x", "  #$ -l h_rt=600"]),
    ("read-space", "silent", ["#$ -N x", "# $ -l h_rt=600"]),
    ("read-hash-cut", "silent", ["#$ -N run # first -q long.q"]),
    ("read-hash-in-name", "silent", ["#$ -N sweep#3"]),
    ("read-comment-after", "ok", ["#$ -q long.q # the long queue"]),
    ("read-comment-after-dash", "ok", ["#$ -l h_vmem=2G    # memory per slot - plenty"]),
    ("read-comment-after-pe", "ok", ["#$ -pe smp 2  ## two cores"]),
    ("read-hash-in-quotes", "silent", ['#$ -o "logs/run #7.out"']),  # stdout_path_list: logs/run
    ("read-quoted", "ok", ["#$ -N 'quoted'"]),
    ("read-other-prefixes", "ok", ["#$ -N mixed", "#SLURM --time=5", "# PBS -N x"]),
    # ---- options ----
    ("opt-unknown", "reject", ["#$ -foo bar"]),
    ("opt-slurm-long", "reject", ["#$ --time=10"]),
    ("opt-pbs-array", "reject", ["#$ -J 1-10"]),
    ("opt-missing-value", "reject", ["#$ -N"]),
    ("opt-stray-word", "reject", ["#$ -N name extra"]),
    ("opt-typo", "reject", ["#$ -cwdd"]),
    ("opt-repeated", "silent", ["#$ -N first", "#$ -N second"]),
    ("opt-repeated-resource", "silent", ["#$ -l h_rt=600", "#$ -l h_rt=1200"]),
    ("opt-many", "ok", ["#$ -N many -cwd -V -j y -m n -r y", "#$ -q all.q -p 0"]),
    ("opt-hold", "ok", ["#$ -hold_jid 999999"]),
    ("val-priority-name", "reject", ["#$ -p myproject"]),  # invalid priority "myproject"
    ("opt-hold-slurm", "silent", ["#$ -hold_jid afterok:12"]),
    # ---- time values ----
    ("time-seconds", "ok", ["#$ -l h_rt=3600"]),
    ("time-hms", "ok", ["#$ -l h_rt=0:90:00"]),
    ("time-hms-padded", "ok", ["#$ -l h_rt=08:00:00"]),
    ("time-mm-ss", "reject", ["#$ -l h_rt=01:00"]),
    ("time-days", "reject", ["#$ -l h_rt=1-00:00:00"]),
    ("time-four-fields", "reject", ["#$ -l h_rt=1:00:00:00"]),
    ("time-words", "reject", ["#$ -l h_rt=abc"]),
    ("time-octal", "silent", ["#$ -l h_rt=0600"]),
    ("time-soft", "ok", ["#$ -l s_rt=3000,h_rt=3600"]),
    # ---- memory values ----
    ("mem-upper", "ok", ["#$ -l h_vmem=2G"]),
    ("mem-lower", "ok", ["#$ -l h_vmem=2g"]),
    ("mem-decimal", "ok", ["#$ -l h_vmem=2.5G"]),
    ("mem-hex", "ok", ["#$ -l h_vmem=0x10G"]),
    ("mem-gb", "reject", ["#$ -l h_vmem=2GB"]),
    ("mem-bytes", "silent", ["#$ -l h_vmem=2048"]),
    ("mem-list", "ok", ["#$ -l h_rt=600,h_vmem=1G"]),
    ("mem-space-after-comma", "reject", ["#$ -l h_rt=1:00:00, h_vmem=2G"]),
    # ---- parallel environments, arrays ----
    ("pe-ok", "ok", ["#$ -pe smp 2"]),
    ("pe-range", "ok", ["#$ -pe smp 2-4"]),
    ("pe-zero", "reject", ["#$ -pe smp 0"]),
    ("pe-word", "reject", ["#$ -pe smp two"]),
    ("pe-missing-range", "reject", ["#$ -pe smp"]),
    ("array-ok", "ok", ["#$ -t 1-10:2"]),
    ("array-tc", "ok", ["#$ -t 1-3", "#$ -tc 2"]),
    ("array-percent", "reject", ["#$ -t 1-10%2"]),
    ("array-zero", "reject", ["#$ -t 0-5"]),
    # ---- names ----
    ("name-digit", "reject", ["#$ -N 1abc"]),
    ("name-slash", "reject", ["#$ -N a/b"]),
    ("name-colon", "reject", ["#$ -N a:b"]),
    ("name-at", "reject", ["#$ -N a@b"]),
    ("name-star", "reject", ["#$ -N a*b"]),
    ("name-punctuation", "ok", ["#$ -N a.b-c_d"]),
    # ---- output paths ----
    ("out-pseudo", "ok", ["#$ -o $HOME/o.$USER.$JOB_ID.$JOB_NAME.out", "#$ -e $HOME/e.$HOSTNAME.err"]),
    ("out-task", "ok", ["#$ -t 1-2", "#$ -o o.$TASK_ID.$JOB_ID.out"]),
    ("out-tilde", "ok", ["#$ -o ~/o.out"]),
    ("out-braced-dir", "launch", ["#$ -o ${HOME}/o.out"]),
    ("out-sge-task-id", "silent", ["#$ -t 1-2", "#$ -o o.$SGE_TASK_ID.out"]),
    ("out-slurm-pattern", "silent", ["#$ -o out.%j"]),
    # ---- the shell ----
    ("shell-python", "launch", b"#!/usr/bin/python3\n#$ -N py\nprint('python ran')\n"),
    ("shell-python-s", "ok", b"#!/usr/bin/python3\n#$ -N py\n#$ -S /usr/bin/python3\nprint('python ran')\n"),
    # ---- more of each kind ----
    ("read-bare-prefix", "ok", ["#$", "#$ -N bare"]),
    ("read-sbatch-next-to-it", "ok", ["#$ -N mix", "#SBATCH --time=5"]),
    ("read-many-lines", "ok", ["#$ -N a", "#$ -cwd", "#$ -V", "#$ -j y", "#$ -l h_rt=60"]),
    ("read-after-commands", "ok", ["echo one", "echo two", "#$ -l h_vmem=1G"]),
    # `qsub -w v` accepts these; the real submission is refused (report cases x04, n08, m16)
    ("name-space", "launch", ['#$ -N "a b"']),
    ("name-non-ascii", "launch", ["#$ -N 이름"]),
    ("name-long", "ok", ["#$ -N " + "n" * 300]),
    ("name-dots", "ok", ["#$ -N v1.2.3_final-run"]),
    ("opt-j-yes", "ok", ["#$ -j yes"]),
    ("opt-j-n", "ok", ["#$ -j n"]),
    ("opt-j-oe", "reject", ["#$ -j oe"]),
    ("opt-m-ok", "ok", ["#$ -m bea"]),
    ("opt-m-x", "reject", ["#$ -m x"]),
    ("opt-a-ok", "ok", ["#$ -a 203012312359"]),
    ("opt-a-words", "reject", ["#$ -a tomorrow"]),
    ("opt-p-positive", "launch", ["#$ -p 10"]),
    ("opt-p-negative", "ok", ["#$ -p -10"]),
    ("opt-r-no", "ok", ["#$ -r no"]),
    ("opt-v-list", "ok", ["#$ -v A=1,B=2"]),
    ("opt-V", "ok", ["#$ -V"]),
    ("opt-mail", "ok", ["#$ -M alice@uni.edu -m e"]),
    ("opt-binary-in-script", "silent", ["#$ -N bin", "#$ -b y"]),
    ("opt-binding", "ok", ["#$ -binding linear:2"]),
    ("opt-w-error", "ok", ["#$ -w e"]),
    ("res-walltime", "reject", ["#$ -l walltime=1:00:00"]),
    ("res-ncpus", "reject", ["#$ -l ncpus=4"]),
    ("res-upper", "reject", ["#$ -l H_RT=1:00:00"]),
    ("res-gpu", "ok", ["#$ -l gpu=1"]),
    ("res-repeated-in-list", "silent", ["#$ -l h_rt=600,h_rt=1200"]),
    ("time-large", "ok", ["#$ -l h_rt=100:00:00"]),
    ("time-cpu", "ok", ["#$ -l h_cpu=1:00:00"]),
    ("time-octal-cpu", "silent", ["#$ -l h_cpu=0100"]),
    ("mem-mega", "ok", ["#$ -l h_vmem=512M"]),
    ("mem-tera", "ok", ["#$ -l h_vmem=1T"]),
    ("mem-kilo-bytes", "reject", ["#$ -l h_vmem=512KB"]),
    ("mem-soft", "ok", ["#$ -l s_vmem=1G,h_vmem=2G"]),
    ("pe-mpi", "ok", ["#$ -pe mpi 4"]),
    ("pe-open", "ok", ["#$ -pe smp 2-"]),
    ("array-list", "ok", ["#$ -t 1,3,5"]),
    ("array-step", "ok", ["#$ -t 2-20:2"]),
    ("array-percent-only", "reject", ["#$ -t 1-4%1"]),
    ("out-host", "ok", ["#$ -o vm:o.out"]),
    ("out-dir", "ok", ["#$ -o logs/ -e logs/"]),
    ("out-braced-file", "silent", ["#$ -o out.${JOB_ID}"]),
    ("out-pwd-dir", "launch", ["#$ -o $PWD/logs/o.out"]),
    ("shell-sh", "ok", b"#!/bin/sh\n#$ -N sh\necho hi\n"),
    ("shell-env-bash", "ok", b"#!/usr/bin/env bash\n#$ -N b\necho hi\n"),
    ("shell-perl", "launch", b"#!/usr/bin/perl\n#$ -N p\nprint 1;\n"),
    ("shell-S-bash", "ok", ["#$ -S /bin/bash"]),
    ("file-crlf", "silent", b"#!/bin/bash\r\n#$ -N dos\r\necho hi\r\n"),
]
