"""The dev server: build, serve from 127.0.0.1, watch, rebuild, reload.

`server` rebuilds on every save (parsed posts and bodies kept in memory, its output folder
updated in place) and keeps serving the last good build; `state` holds the
build epoch and the last error (page requests wait for a running build, never see half of one);
`http` serves only files inside the output folder and the reload event stream; `client.js` is
the script pages get to reload or show an error over the page.
"""
