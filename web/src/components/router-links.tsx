import { forwardRef, type AnchorHTMLAttributes } from 'react';
import { Anchor, NavLink, type AnchorProps, type NavLinkProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';

// Mantine components as typed router links (see TanStack Router's "custom link" guide).

type AnchorElementProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'>;

const MantineAnchor = forwardRef<HTMLAnchorElement, AnchorProps & AnchorElementProps>((props, ref) => (
  <Anchor component="a" ref={ref} {...props} />
));
MantineAnchor.displayName = 'MantineAnchor';

const MantineNavLink = forwardRef<HTMLAnchorElement, NavLinkProps & AnchorElementProps>((props, ref) => (
  <NavLink component="a" ref={ref} {...props} />
));
MantineNavLink.displayName = 'MantineNavLink';

export const AnchorLink = createLink(MantineAnchor);
export const NavRouterLink = createLink(MantineNavLink);
