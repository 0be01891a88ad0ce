import { onBeforeUnmount, onMounted, ref } from 'vue';

/** Accepts a file dropped anywhere on the window; `dragging` drives the drop hint overlay. */
export function useFileDrop(onFile: (file: File) => void) {
  const dragging = ref(false);
  let depth = 0;

  const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

  function onDragEnter(event: DragEvent): void {
    if (!hasFiles(event)) return;
    depth += 1;
    dragging.value = true;
  }
  function onDragOver(event: DragEvent): void {
    if (!hasFiles(event)) return;
    event.preventDefault(); // required for the drop event to fire
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  }
  function onDragLeave(event: DragEvent): void {
    if (!hasFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) dragging.value = false;
  }
  function onDrop(event: DragEvent): void {
    depth = 0;
    dragging.value = false;
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    event.preventDefault(); // the browser would otherwise navigate to the file
    onFile(file);
  }

  onMounted(() => {
    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('dragenter', onDragEnter);
    window.removeEventListener('dragover', onDragOver);
    window.removeEventListener('dragleave', onDragLeave);
    window.removeEventListener('drop', onDrop);
  });
  return { dragging };
}
