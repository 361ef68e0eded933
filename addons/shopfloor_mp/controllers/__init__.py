from . import app, dispatcher, main
