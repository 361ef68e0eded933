from . import dispatcher, main
