import { useEffect, useRef } from 'react';

/** Props of {@link PlotFigure}. */
export interface PlotFigureProps {
  /** Builds the chart element; called again whenever this function changes (memoise it). */
  render: () => Element;
  className?: string;
  testId?: string;
}

/** Mounts a DOM element built outside React (an Observable Plot chart) and replaces it on change. */
export function PlotFigure({ render, className, testId }: PlotFigureProps) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = render();
    container.current?.replaceChildren(element);
    return () => element.remove();
  }, [render]);

  return <div ref={container} className={className} data-testid={testId} />;
}
