"""The models CLI: help and a training run that prints per-label figures."""

from typer.testing import CliRunner

from councilpapers.cli import app

runner = CliRunner()


def test_models_help() -> None:
    result = runner.invoke(app, ["models", "--help"])
    assert result.exit_code == 0 and "train" in result.output


def test_models_train_prints_scores() -> None:
    result = runner.invoke(app, ["models", "train"])
    assert result.exit_code == 0, result.output
    assert "child_protection" in result.output and "micro" in result.output
    assert "Headers" in result.output and "timescale" in result.output
    assert "dash title" in result.output and "real plan: ccip-v4-2023-10.pdf" in result.output
