"""tito's sample course as a package, laid out as TinyTorch is: the course image installs and imports it."""

__version__ = "0.1.0"
