"""`posko candidates import|export|list` run as real subprocesses."""

from __future__ import annotations

from pathlib import Path

from posko.candidates.registry import COLUMNS, load_registry_file
from posko.testing.cli import RunPosko

HEADER = ",".join(COLUMNS)


def test_import_reports_bad_rows_and_keeps_good_ones(
    run_posko: RunPosko, posko_data_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "paslon.csv"
    source.write_text(
        "\n".join(
            [
                HEADER,
                "19.06,Kabupaten Belitung Timur,bupati,1,Calon Satu,Wakil Satu,Satu-Satu,",
                "19.06,Kabupaten Belitung Timur,bupatii,2,Calon X,Wakil X,,",
                "19.06,Kabupaten Belitung Timur,bupati,dua,Calon Y,Wakil Y,,",
                "19.06,Kabupaten Belitung Timur,bupati,2,Calon Dua,Wakil Dua,,PDIP;Golkar",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    done = run_posko("candidates", "import", str(source))
    assert done.returncode == 1
    assert f"{source}:3: election must be one of" in done.stderr
    assert f"{source}:4: number must be a positive integer" in done.stderr
    assert "Traceback" not in done.stderr

    snapshot, errors = load_registry_file(posko_data_dir / "registry.csv")
    assert errors == []
    assert [(p.number, p.candidate) for p in snapshot.races_for("19.06")] == [
        (1, "Calon Satu"),
        (2, "Calon Dua"),
    ]
    listed = run_posko("candidates", "list", "--region", "19.06.01")
    assert listed.returncode == 0
    assert "Calon Satu / Wakil Satu" in listed.stdout and "Calon Dua" in listed.stdout

    exported = tmp_path / "export.csv"
    done = run_posko("candidates", "export", "--output", str(exported))
    assert done.returncode == 0, done.stderr
    assert exported.read_text(encoding="utf-8") == (posko_data_dir / "registry.csv").read_text(
        encoding="utf-8"
    )
    clean = run_posko("candidates", "import", str(exported))
    assert clean.returncode == 0, clean.stderr
    assert "0 added, 0 updated, 2 unchanged" in clean.stderr


def test_unusable_files_exit_1_without_traceback(run_posko: RunPosko, tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    done = run_posko("candidates", "import", str(missing))
    assert done.returncode == 1
    assert done.stderr.strip() == f"{missing}: file not found"

    latin = tmp_path / "latin1.csv"
    latin.write_bytes((HEADER + "\n32,Jawa Barat,gubernur,1,Ac\xe9p,Y,,\n").encode("latin-1"))
    done = run_posko("candidates", "import", str(latin))
    assert done.returncode == 1 and f"{latin}:2: not UTF-8" in done.stderr

    header = tmp_path / "header.csv"
    header.write_text("kode,nama\n31,DKI\n", encoding="utf-8")
    done = run_posko("candidates", "import", str(header))
    assert done.returncode == 1 and f"{header}:1: header must be exactly" in done.stderr
    assert "Traceback" not in done.stderr
