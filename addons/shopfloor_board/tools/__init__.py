from . import board
