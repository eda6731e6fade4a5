import type { Lesson } from './lessons';

export interface LessonsGalleryProps {
  readonly onOpen: (lesson: Lesson) => void;
  readonly onClose: () => void;
}

// Placeholder while the gallery is being built this session (helper owns src/lessons).
export function LessonsGallery(_: LessonsGalleryProps) {
  return null;
}
