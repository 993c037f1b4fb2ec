// Starts dynalite (tools/package.json; in memory) on a free loopback port for the tests, prints "port <n>" once it listens, and exits
// when stdin closes, so a test JVM that dies never leaves a server behind.
'use strict'
const dynalite = require('dynalite')
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
server.listen(0, '127.0.0.1', () => {
  process.stdout.write('port ' + server.address().port + '\n')
})
process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
