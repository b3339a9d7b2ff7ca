"""Directive cases for the differential test against real `sbatch --test-only` (Slurm 22.05).

Each case is (id, expectation, codes, script lines after the shebang). The expectation says
what the real sbatch does with it, on the one-node test cluster of tests/slurm/cluster.sh
(partitions `debug` and `gpu`, two `gpu:tesla` GPUs, 2 CPUs, no accounting):

    ok      accepted, and the job gets what the script says
    reject  sbatch refuses the script (non-zero exit)
    silent  accepted, but a value is silently changed or dropped, or a line silently ignored
    launch  accepted, but the job cannot start (a path that is never expanded)
    comment accepted, and the line is read as a plain comment; whether the author meant it to be
            a directive is theirs to say (`# SBATCH` is a common way to switch one off)

A case given as bytes is the whole file (first bytes, line endings); lines get a `#!/bin/bash`
line before them and `srun hostname` after.

The test checks the expectation against sbatch first, then jobcheck against both: an error
exactly for `reject` (and `launch`), at least a warning for `silent`, nothing at warning or
above for `ok` and `comment`. `codes` are the rules that must give those errors (`reject`,
`launch`) or warnings (`silent`): exactly these, no other rule at that level (empty for `ok`
and `comment`).
"""

CMD = "srun hostname"

CASES = [
    # ---- the file itself ----
    ("file-crlf", "reject", ("JC004",), b"#!/bin/bash\r\n#SBATCH --time=5\r\nsrun hostname\r\n"),
    ("file-crlf-body-only", "reject", ("JC004",), b"#!/bin/bash\n#SBATCH --time=5\nsrun hostname\r\necho done\n"),
    ("file-lone-cr", "ok", (), b"#!/bin/bash\n#SBATCH --time=5\n# a stray \r in a comment\nsrun hostname\n"),
    ("file-bom", "reject", ("JC001",), b"\xef\xbb\xbf#!/bin/bash\n#SBATCH --time=5\nsrun hostname\n"),
    ("file-no-shebang", "reject", ("JC001",), b"#SBATCH --time=5\nsrun hostname\n"),
    ("file-blank-first-line", "reject", ("JC001",), b"\n#!/bin/bash\n#SBATCH --time=5\nsrun hostname\n"),
    ("file-leading-space", "reject", ("JC001",), b" #!/bin/bash\n#SBATCH --time=5\nsrun hostname\n"),
    ("file-shebang-space", "ok", (), b"#! /bin/bash\n#SBATCH --time=5\nsrun hostname\n"),
    ("file-env-bash", "ok", (), b"#!/usr/bin/env bash\n#SBATCH --time=5\nsrun hostname\n"),
    ("file-python", "ok", (), b"#!/usr/bin/python3\n#SBATCH --time=5\nimport os\nprint(os.getpid())\n"),
    ("file-python-late", "silent", ("JC101",), b"#!/usr/bin/python3\n#SBATCH --time=5\nimport os\n#SBATCH --mem=100M\n"),
    # ---- where the header stops, and what counts as a directive ----
    ("head-late", "silent", ("JC101",), ["#SBATCH -J early", "echo hi", "#SBATCH --time=7"]),
    ("head-late-set", "silent", ("JC101",), ["set -euo pipefail", "#SBATCH --time=7"]),
    ("head-blank-comment", "ok", (), ["", "# comment", "   ", "#SBATCH --time=5"]),
    ("head-indented-comment", "ok", (), ["   # indented comment", "#SBATCH --time=5"]),
    ("head-space-after-hash", "comment", (), ["# SBATCH --time=5"]),
    ("head-indented-directive", "comment", (), ["  #SBATCH --time=5"]),
    ("head-lowercase", "comment", (), ["#sbatch --time=5"]),
    ("head-misspelt", "silent", ("JC102",), ["#SBTACH --time=5"]),
    ("head-disabled", "ok", (), ["##SBATCH --time=5", "#SBATCH --time=6"]),
    ("head-glued", "ok", (), ["#SBATCH--time=5"]),
    ("head-tab", "ok", (), ["#SBATCH\t--job-name=tab"]),
    ("head-glued-word", "reject", ("JC108",), ["#SBATCHX --job-name=x"]),
    ("head-bare", "ok", (), ["#SBATCH", "#SBATCH --time=5"]),
    ("head-slurm-prefix", "ok", (), ["#SLURM --job-name=old"]),
    ("head-fused", "silent", ("JC110",), ["#SBATCH --time=5 #SBATCH --mem=100M"]),
    ("head-in-heredoc", "ok", (), ["#SBATCH --time=5", "cat > next.sh <<EOF", "#!/bin/bash", "#SBATCH --time=9", "EOF"]),

    # ---- spelling of options ----
    ("opt-unknown", "reject", ("JC103",), ["#SBATCH --ntasks-per-nodes=1"]),
    ("opt-unknown-typo", "reject", ("JC103",), ["#SBATCH --cpu-per-task=1"]),
    ("opt-unknown-short", "reject", ("JC103",), ["#SBATCH -Z"]),
    ("opt-ambiguous-tim", "reject", ("JC104",), ["#SBATCH --tim=5"]),
    ("opt-ambiguous-mem-per", "reject", ("JC104",), ["#SBATCH --mem-per=100M"]),
    ("opt-ambiguous-gpu", "reject", ("JC104",), ["#SBATCH --gpu=1"]),
    ("opt-abbrev-job-n", "ok", (), ["#SBATCH --job-n=abbr"]),
    ("opt-abbrev-partit", "ok", (), ["#SBATCH --partit=gpu"]),
    ("opt-abbrev-extra", "silent", ("JC105",), ["#SBATCH --extra=1"]),
    ("opt-abbrev-extra-text", "reject", ("JC120",), ["#SBATCH --extra=x"]),
    ("opt-single-dash-time", "reject", ("JC113",), ["#SBATCH -time=10"]),
    ("opt-single-dash-output", "silent", ("JC107",), ["#SBATCH -output=x.log"]),
    ("opt-single-dash-job-name", "reject", ("JC103",), ["#SBATCH -job-name=x"]),
    ("opt-space-value", "ok", (), ["#SBATCH --time 10"]),
    ("opt-short-space", "ok", (), ["#SBATCH -t 5"]),
    ("opt-short-glued", "ok", (), ["#SBATCH -t5"]),
    ("opt-several", "ok", (), ["#SBATCH -N1 -n2 -c1"]),
    ("opt-several-long", "ok", (), ["#SBATCH --job-name=two --time=7"]),
    ("opt-missing-value", "reject", ("JC106",), ["#SBATCH -J"]),
    ("opt-missing-value-long", "reject", ("JC106",), ["#SBATCH --job-name"]),
    ("opt-no-arg-with-value", "reject", ("JC106",), ["#SBATCH --hold=yes"]),
    ("opt-flag", "ok", (), ["#SBATCH --hold"]),
    ("opt-stray", "reject", ("JC108",), ["#SBATCH --time=5 hello"]),
    ("opt-tres-per-task-new", "reject", ("JC103",), ["#SBATCH --tres-per-task=cpu=1"]),

    # ---- quoting and comments ----
    ("q-comment", "ok", (), ["#SBATCH --cpus-per-task=1         # comment text"]),
    ("q-unquoted-space", "reject", ("JC108",), ["#SBATCH --job-name=my job"]),
    ("q-double", "ok", (), ['#SBATCH --job-name="a b"']),
    ("q-single", "ok", (), ["#SBATCH --job-name='a b'"]),
    ("q-hash-in-value", "silent", ("JC110",), ["#SBATCH --job-name=a#b"]),
    ("q-hash-quoted", "ok", (), ['#SBATCH --job-name="a # b"']),
    ("q-hash-glued-comment", "silent", ("JC110",), ["#SBATCH --time=10#comment"]),
    ("q-backslash-space", "reject", ("JC108",), ["#SBATCH --job-name=x\\ y"]),
    ("opt-wait", "ok", (), ["#SBATCH --wait", "#SBATCH -W"]),
    ("opt-get-user-env-mode", "ok", (), ["#SBATCH --get-user-env=L"]),
    ("opt-share-removed", "reject", ("JC103",), ["#SBATCH --share"]),
    ("q-trailing-backslash", "ok", (), ["#SBATCH --job-name=x \\", "#SBATCH --time=7 \\"]),   # dropped, not a word
    ("q-mid-word", "ok", (), ['#SBATCH --job-name=pre"mid dle"post']),
    ("q-commented-option", "ok", (), ["#SBATCH --job-name=d9 #--time=3"]),
    ("q-unmatched", "reject", ("JC109",), ['#SBATCH --job-name="oops']),

    # ---- variables are never expanded ----
    ("var-output-home", "launch", ("JC111",), ["#SBATCH --output=$HOME/e1.log"]),
    ("var-output-braces", "launch", ("JC111",), ["#SBATCH --output=${HOME}/e2.log"]),
    ("var-output-tilde", "launch", ("JC111",), ["#SBATCH --output=~/e3.log"]),
    ("var-output-jobid", "launch", ("JC111",), ["#SBATCH --output=logs-$SLURM_JOB_ID.out"]),
    ("var-job-name", "silent", ("JC111",), ["#SBATCH --job-name=$USER"]),
    ("var-chdir", "launch", ("JC111",), ["#SBATCH --chdir=$HOME"]),
    ("var-error", "launch", ("JC111",), ["#SBATCH --error=$SCRATCH/err.log"]),
    ("var-dependency", "reject", ("JC111",), ["#SBATCH --dependency=afterok:$PREV_JOB"]),

    # ---- --time and friends ----
    ("time-minutes", "ok", (), ["#SBATCH --time=30"]),
    ("time-hms", "ok", (), ["#SBATCH --time=02:00:00"]),
    ("time-long-hours", "ok", (), ["#SBATCH --time=20:00:00"]),
    ("time-days", "ok", (), ["#SBATCH --time=1-00:00:00"]),
    ("time-days-hours", "ok", (), ["#SBATCH --time=0-12"]),
    ("time-days-hm", "ok", (), ["#SBATCH --time=0-12:30"]),
    ("time-mmss", "ok", (), ["#SBATCH --time=10:00"]),
    ("time-mmss-rounded", "silent", ("JC113",), ["#SBATCH --time=10:30"]),
    ("time-seconds-rounded", "ok", (), ["#SBATCH --time=1:30:30"]),   # 91 minutes: nothing that matters
    # a field above its range is added up: the limit is the duration written
    ("time-overflow-hours", "ok", (), ["#SBATCH --time=0-25"]),
    ("time-day-24-hours", "ok", (), ["#SBATCH --time=0-24:00:00"]),
    ("time-overflow-minutes", "ok", (), ["#SBATCH --time=0:61:00"]),
    ("time-overflow-seconds", "silent", ("JC113",), ["#SBATCH --time=10:75"]),
    ("time-four-fields", "reject", ("JC113",), ["#SBATCH --time=1:00:00:00"]),
    ("time-day-four-fields", "reject", ("JC113",), ["#SBATCH --time=0-1:2:3:4"]),
    ("time-text", "reject", ("JC113",), ["#SBATCH --time=abc"]),
    ("time-empty", "reject", ("JC113",), ["#SBATCH --time="]),
    ("time-unlimited", "ok", (), ["#SBATCH --time=UNLIMITED"]),
    ("time-zero", "ok", (), ["#SBATCH --time=0"]),
    ("time-negative", "silent", ("JC113",), ["#SBATCH --time=-5"]),
    ("time-min", "ok", (), ["#SBATCH --time=60 --time-min=30"]),
    ("time-min-bad", "reject", ("JC113",), ["#SBATCH --time-min=1h"]),
    ("begin-now", "ok", (), ["#SBATCH --begin=now+1hour"]),
    ("begin-date", "ok", (), ["#SBATCH --begin=2030-01-01T08:00:00"]),
    ("begin-time", "ok", (), ["#SBATCH --begin=16:00"]),
    ("begin-word", "ok", (), ["#SBATCH --begin=tomorrow"]),
    ("begin-bad", "reject", ("JC113",), ["#SBATCH --begin=someday"]),
    ("begin-month-13", "reject", ("JC113",), ["#SBATCH --begin=2030-13-01"]),
    ("begin-hour-25", "reject", ("JC113",), ["#SBATCH --begin=2030-12-01T25:00"]),
    ("begin-feb-30", "ok", (), ["#SBATCH --begin=2030-02-30"]),
    ("begin-short-unit", "reject", ("JC113",), ["#SBATCH --begin=now+1h"]),
    ("begin-ampm", "ok", (), ["#SBATCH --begin=4:00PM"]),
    ("begin-24h-am", "reject", ("JC113",), ["#SBATCH --begin=16:00AM"]),
    ("begin-mmddyy", "ok", (), ["#SBATCH --begin=010130"]),
    ("deadline-date", "ok", (), ["#SBATCH --deadline=2030-01-01T08:00:00"]),
    ("deadline-bad", "reject", ("JC113",), ["#SBATCH --deadline=soon"]),

    # ---- memory ----
    ("mem-gb", "ok", (), ["#SBATCH --mem=2GB"]),
    ("mem-g", "ok", (), ["#SBATCH --mem=2G"]),
    ("mem-lower", "ok", (), ["#SBATCH --mem=2g"]),
    ("mem-plain", "ok", (), ["#SBATCH --mem=2000"]),
    ("mem-m", "ok", (), ["#SBATCH --mem=2048M"]),
    ("mem-gib", "reject", ("JC114",), ["#SBATCH --mem=2GiB"]),
    ("mem-decimal", "reject", ("JC114",), ["#SBATCH --mem=1.5G"]),
    ("mem-negative", "reject", ("JC114",), ["#SBATCH --mem=-1"]),
    ("mem-zero", "ok", (), ["#SBATCH --mem=0"]),
    ("mem-kilobytes-rounded", "silent", ("JC114",), ["#SBATCH --mem=2K"]),
    ("mem-kilobytes-whole", "ok", (), ["#SBATCH --mem=2048K"]),
    ("mem-per-cpu", "ok", (), ["#SBATCH --mem-per-cpu=500M"]),
    ("mem-per-cpu-bad", "reject", ("JC114",), ["#SBATCH --mem-per-cpu=lots"]),
    ("mem-and-per-cpu", "reject", ("JC123",), ["#SBATCH --mem=1G", "#SBATCH --mem-per-cpu=500M"]),
    ("mem-and-per-gpu", "reject", ("JC123",), ["#SBATCH --gres=gpu:1", "#SBATCH --mem=1G", "#SBATCH --mem-per-gpu=500M"]),
    ("mem-per-cpu-and-gpu", "reject", ("JC123",), ["#SBATCH --gres=gpu:1", "#SBATCH --mem-per-cpu=500M --mem-per-gpu=500M"]),
    ("mem-per-gpu-no-gpu", "reject", ("JC123",), ["#SBATCH --mem-per-gpu=1G"]),
    ("mem-per-gpu-with-gpu", "ok", (), ["#SBATCH --gres=gpu:1", "#SBATCH --mem-per-gpu=1G"]),

    # ---- GRES and GPUs ----
    ("gres-gpu-1", "ok", (), ["#SBATCH --gres=gpu:1"]),
    ("gres-gpu-typed", "ok", (), ["#SBATCH --gres=gpu:tesla:1"]),
    ("gres-gpu-bare", "ok", (), ["#SBATCH --gres=gpu"]),
    ("gres-gpu-type-only", "ok", (), ["#SBATCH --gres=gpu:tesla"]),
    ("gres-placeholder", "reject", ("JC115",), ["#SBATCH --gres=gpu:TYPE:COUNT"]),
    ("gres-gpus", "reject", ("JC115",), ["#SBATCH --gres=gpus:1"]),
    ("gres-empty-field", "reject", ("JC115",), ["#SBATCH --gres=gpu::1"]),
    ("gres-mixed", "reject", ("JC115",), ["#SBATCH --gres=gpu:1,gpu:tesla:1"]),
    ("gres-none", "ok", (), ["#SBATCH --gres=none"]),
    ("gpus-count", "ok", (), ["#SBATCH --gpus=1"]),
    ("gpus-typed", "ok", (), ["#SBATCH --gpus=tesla:1"]),
    ("gpus-per-node", "ok", (), ["#SBATCH --gpus-per-node=1"]),
    ("gpus-bad", "reject", ("JC115",), ["#SBATCH --gpus=one"]),
    ("gpus-mixed", "reject", ("JC115",), ["#SBATCH --gpus=1", "#SBATCH --gpus-per-node=tesla:1"]),
    ("gpus-and-gres", "ok", (), ["#SBATCH --gpus=1 --gres=gpu:1"]),
    ("cpus-per-gpu", "ok", (), ["#SBATCH --gpus=1 --cpus-per-gpu=1"]),
    ("cpus-per-gpu-no-gpu", "ok", (), ["#SBATCH --cpus-per-gpu=1"]),
    ("cpus-per-gpu-and-task", "reject", ("JC123",), ["#SBATCH --gpus=1 --cpus-per-gpu=1 --cpus-per-task=1"]),

    # ---- arrays ----
    ("array-range", "ok", (), ["#SBATCH --array=1-10"]),
    ("array-throttle", "ok", (), ["#SBATCH --array=1-10%2"]),
    ("array-step-list", "ok", (), ["#SBATCH --array=1-9:2,20"]),
    ("array-list", "ok", (), ["#SBATCH --array=1,3,5"]),
    ("array-text", "reject", ("JC116",), ["#SBATCH --array=a"]),
    ("array-too-big", "reject", ("JC116",), ["#SBATCH --array=0-5000000"]),   # above the highest MaxArraySize
    ("array-brackets", "ok", (), ["#SBATCH --array=[1-2]"]),
    ("array-max-ok", "ok", (), ["#SBATCH --array=0-1000"]),
    ("array-empty-throttle", "silent", ("JC116",), ["#SBATCH --array=1-4%"]),
    ("array-reversed", "reject", ("JC116",), ["#SBATCH --array=10-1"]),
    ("array-output", "ok", (), ["#SBATCH --array=1-2", "#SBATCH --output=run-%A_%a.log"]),

    # ---- mail ----
    ("mail-all", "ok", (), ["#SBATCH --mail-type=ALL"]),
    ("mail-list", "ok", (), ["#SBATCH --mail-type=END,FAIL"]),
    ("mail-lower", "ok", (), ["#SBATCH --mail-type=end"]),
    ("mail-time-limit", "ok", (), ["#SBATCH --mail-type=END,TIME_LIMIT_80"]),
    ("mail-dropped", "silent", ("JC117",), ["#SBATCH --mail-type=ALL,FOO"]),
    ("mail-unknown", "reject", ("JC117",), ["#SBATCH --mail-type=FOO"]),
    ("gpus-later-line-wins", "silent", ("JC122",), ["#SBATCH --gpus=1", "#SBATCH --gpus=tesla:1"]),
    ("mail-type-lines-add-up", "ok", (), ["#SBATCH --mail-user=a@b.org", "#SBATCH --mail-type=BEGIN",
                                      "#SBATCH --mail-type=END"]),
    ("mail-placeholder-user", "silent", ("JC126",), ["#SBATCH --mail-type=END --mail-user=YOUR_EMAIL"]),

    # ---- dependencies ----
    ("dep-afterok", "ok", (), ["#SBATCH --dependency=afterok:999999"]),
    ("dep-afterany-two", "ok", (), ["#SBATCH --dependency=afterany:999998:999999"]),
    ("dep-singleton", "ok", (), ["#SBATCH --dependency=singleton"]),
    ("dep-any-of", "ok", (), ["#SBATCH --dependency=afterok:999998?afternotok:999999"]),
    ("dep-underscore", "reject", ("JC118",), ["#SBATCH --dependency=after_ok:1"]),
    ("dep-no-id", "reject", ("JC118",), ["#SBATCH --dependency=afterok"]),
    ("dep-text-id", "reject", ("JC118",), ["#SBATCH --dependency=afterok:previous"]),

    # ---- signals ----
    ("sig-batch", "ok", (), ["#SBATCH --signal=B:USR1@60"]),
    ("sig-plain", "ok", (), ["#SBATCH --signal=USR1"]),
    ("sig-prefixed", "ok", (), ["#SBATCH --signal=SIGTERM@120"]),
    ("sig-number", "ok", (), ["#SBATCH --signal=10@60"]),
    ("sig-bad", "reject", ("JC119",), ["#SBATCH --signal=FOO"]),
    ("sig-bad-time", "reject", ("JC119",), ["#SBATCH --signal=USR1@soon"]),

    # ---- counts and layout ----
    ("count-cpus", "ok", (), ["#SBATCH --cpus-per-task=2"]),
    ("count-cpus-zero", "reject", ("JC120",), ["#SBATCH --cpus-per-task=0"]),
    ("count-ntasks-text", "reject", ("JC120",), ["#SBATCH --ntasks=abc"]),
    ("count-nodes-range", "ok", (), ["#SBATCH --nodes=1-1"]),
    ("count-nodes-text", "reject", ("JC120",), ["#SBATCH --nodes=one"]),
    ("count-ntasks-per-node", "ok", (), ["#SBATCH --nodes=1 --ntasks-per-node=2"]),
    ("count-overfull", "reject", ("JC124",), ["#SBATCH --ntasks=3 --nodes=1 --ntasks-per-node=2"]),
    # --ntasks wins and --ntasks-per-node is the most per node (man sbatch): what such scripts mean
    ("count-ntasks-wins", "ok", (), ["#SBATCH --ntasks=1 --ntasks-per-node=2 --nodes=1"]),
    ("count-ntasks-wins-no-nodes", "ok", (), ["#SBATCH --ntasks=1 --ntasks-per-node=2"]),
    ("count-more-nodes-than-tasks", "silent", ("JC124",), ["#SBATCH --nodes=2 --ntasks=1"]),
    ("exclusive-and-oversubscribe", "silent", ("JC123",), ["#SBATCH --exclusive --oversubscribe"]),
    ("dist-block", "ok", (), ["#SBATCH --distribution=block"]),
    ("dist-cyclic-block", "ok", (), ["#SBATCH --distribution=cyclic:block"]),
    ("dist-plane", "ok", (), ["#SBATCH --distribution=plane=2"]),
    ("dist-bad", "reject", ("JC121",), ["#SBATCH --distribution=cyclical"]),

    # ---- output patterns ----
    ("out-pattern", "ok", (), ["#SBATCH --job-name=p --output=%x-%j.log"]),
    ("out-unknown-pattern", "silent", ("JC112",), ["#SBATCH --output=run-%q-%j.log"]),
    ("out-many-patterns", "ok", (), ["#SBATCH --output=run-%u-%N-%n-%t-%s-%%.log"]),
    ("out-quoted-space", "ok", (), ['#SBATCH --output="my logs %j.log"']),

    # ---- duplicates, conflicts, other schedulers ----
    ("dup-time", "silent", ("JC122",), ["#SBATCH --time=10", "#SBATCH --time=20"]),
    ("dup-partition", "silent", ("JC122",), ["#SBATCH -p debug", "#SBATCH --partition=gpu"]),
    ("pbs-after-command", "silent", ("JC125",), ["#SBATCH --time=10", "echo hi", "#PBS -l walltime=00:20:00"]),
    ("pbs-name", "silent", ("JC125",), ["#SBATCH --job-name=fromsbatch", "#PBS -N pbsname"]),
    ("bsub-lines", "silent", ("JC125",), ["#SBATCH --time=10", "#BSUB -W 30"]),
    ("pbs-ignored", "ok", (), ["#SBATCH --ignore-pbs", "#PBS -N pbsname"]),
    ("pbs-unknown-letter", "reject", ("JC125",), ["#SBATCH --time=10", "#PBS -Q foo"]),
    ("bsub-unknown-letter", "reject", ("JC125",), ["#SBATCH --time=10", "#BSUB -P proj"]),
    # what sbatch makes of the lines it translates (JC135-JC138)
    ("pbs-walltime-seconds", "silent", ("JC135",), ["#SBATCH --job-name=p", "#PBS -l walltime=3600"]),
    ("pbs-walltime-days", "reject", ("JC135",), ["#SBATCH --job-name=p", "#PBS -l walltime=1:00:00:00"]),
    ("bsub-W-hours-minutes", "silent", ("JC135",), ["#SBATCH --job-name=b", "#BSUB -W 2:00"]),
    ("bsub-M-kilobytes", "silent", ("JC136",), ["#SBATCH --job-name=b", "#BSUB -M 4000"]),
    ("pbs-mem-bytes", "silent", ("JC136",), ["#SBATCH --job-name=p", "#PBS -l mem=100"]),
    ("pbs-mem-decimal", "reject", ("JC136",), ["#SBATCH --job-name=p", "#PBS -l mem=1.5gb"]),
    ("pbs-select-mem-not-last", "reject", ("JC136",), ["#SBATCH --job-name=p", "#PBS -l select=1:ncpus=2:mem=1gb:ngpus=1"]),
    ("pbs-select-ngpus-dropped", "silent", ("JC138",), ["#SBATCH --job-name=p", "#PBS -l select=1:ncpus=1:ngpus=1:mem=100mb"]),
    ("pbs-v-export", "silent", ("JC137",), ["#SBATCH --job-name=p", "#PBS -v FOO=bar"]),
    ("pbs-p-nice", "silent", ("JC138",), ["#SBATCH --job-name=p", "#PBS -p 10"]),
    ("pbs-m-torque-f", "reject", ("JC138",), ["#SBATCH --job-name=p", "#PBS -m f"]),
    ("pbs-depend-server", "reject", ("JC138",), ["#SBATCH --job-name=p", "#PBS -W depend=afterok:123.server"]),
    ("pbs-begin-pbs-format", "reject", ("JC138",), ["#SBATCH --job-name=p", "#PBS -a 202701011200"]),
    ("bsub-c-chdir", "launch", ("JC138",), ["#SBATCH --job-name=b", "#BSUB -c 10"]),
    ("bsub-J-array", "silent", ("JC125", "JC138"), ["#SBATCH --job-name=b", "#BSUB -J arr[1-10]"]),

    # ---- placeholders ----
    ("placeholder-account", "silent", ("JC126",), ["#SBATCH --account=<your_account>"]),
    ("placeholder-comment", "ok", (), ["#SBATCH --comment=CHANGEME"]),   # a label, taken as written: info only

    # ---- heterogeneous jobs and ordinary headers ----
    ("hetjob", "ok", (), ["#SBATCH -n1 --time=5", "#SBATCH hetjob", "#SBATCH -n1 --time=5"]),
    ("gpu-training", "ok", (), ["#SBATCH --job-name=train", "#SBATCH --partition=gpu", "#SBATCH --gres=gpu:tesla:2",
                            "#SBATCH --cpus-per-task=2", "#SBATCH --mem=4G", "#SBATCH --time=1-00:00:00",
                            "#SBATCH --output=%x-%j.out"]),
    ("mpi-header", "ok", (), ["#SBATCH --nodes=1", "#SBATCH --ntasks-per-node=2", "#SBATCH --time=00:30:00",
                          "#SBATCH --mem-per-cpu=500M", "#SBATCH --exclusive"]),
    ("array-header", "ok", (), ["#SBATCH --array=0-9%4", "#SBATCH --output=logs-%A_%a.out", "#SBATCH --mem=1G",
                            "#SBATCH --time=15"]),
    ("mail-header", "ok", (), ["#SBATCH --mail-type=BEGIN,END,FAIL", "#SBATCH --mail-user=alice@uni.edu",
                           "#SBATCH --requeue", "#SBATCH --open-mode=append"]),
    ("export-none", "ok", (), ["#SBATCH --export=NONE", "#SBATCH --get-user-env"]),
    ("constraint-exclusive", "ok", (), ["#SBATCH --exclusive", "#SBATCH --hint=nomultithread"]),
    ("qos-account", "ok", (), ["#SBATCH --qos=normal --account=proj1"]),
    ("signal-requeue", "ok", (), ["#SBATCH --signal=B:USR1@120", "#SBATCH --requeue", "#SBATCH --time=60"]),
    ("chdir-abs", "ok", (), ["#SBATCH --chdir=/tmp"]),
]
