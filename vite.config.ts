import { defineConfig } from 'vite';

// base './' so the built game runs from any folder (a file server, GitHub Pages).
// Phaser goes in its own chunk: it is most of the bytes and changes far less often than the game.
export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'phaser', test: /node_modules[\\/]phaser[\\/]/ }],
        },
      },
    },
  },
});
