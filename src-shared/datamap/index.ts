export * from './sample';
export * from './projection';
export * from './slice';
export * from './predictions';
